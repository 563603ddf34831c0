import type { ExecutableProcess } from '../model/index.js';

/** A process as deployed: the executable model plus the identity the deployment gave it. */
export interface DeployedProcess {
  readonly definitionId: string;
  readonly key: string;
  readonly version: number;
  readonly deploymentId: string;
  readonly process: ExecutableProcess;
}

/** How a call activity picks the version of the process it calls (`zeebe:calledElement bindingType`). */
export interface ProcessBinding {
  readonly type: 'latest' | 'deployment' | 'versionTag';
  readonly versionTag: string | null;
  /** The caller, for `deployment` binding (same deployment as the caller). */
  readonly caller: DeployedProcess;
}

/**
 * The runtime's read access to deployed processes. Implementations must be synchronous
 * (the shell keeps deployed models in memory, loading them before it runs a command).
 */
export interface ProcessLookup {
  byDefinitionId(definitionId: string): DeployedProcess | undefined;
  byKey(processKey: string, binding: ProcessBinding): DeployedProcess | undefined;
}
