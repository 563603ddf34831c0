import { createHash } from 'node:crypto';
import type { ExecutableDefinitions } from '../model/index.js';
import type { DeployedProcess, ProcessBinding, ProcessLookup } from '../ports/process-lookup.js';
import { pickVersion } from '../driver/pick-version.js';

export interface DeployedDefinition {
  readonly id: string;
  readonly key: string;
  readonly version: number;
}

/**
 * Deployed processes in memory, versioned per key: deploying a resource whose content is
 * unchanged keeps the version; a changed resource gives each of its processes version n+1.
 */
export class ProcessRegistry implements ProcessLookup {
  private readonly byId = new Map<string, DeployedProcess & { readonly checksum: string; readonly versionTag: string | null }>();
  private readonly versions = new Map<string, (DeployedProcess & { readonly checksum: string; readonly versionTag: string | null })[]>();

  register(xml: string, definitions: ExecutableDefinitions, deploymentId: string): DeployedDefinition[] {
    const checksum = createHash('sha256').update(xml).digest('hex');
    return definitions.processKeys.map((key) => {
      const versions = this.versions.get(key) ?? [];
      const latest = versions.at(-1);
      if (latest && latest.checksum === checksum) return { id: latest.definitionId, key, version: latest.version };
      const version = versions.length + 1;
      const process = definitions.processes[key]!;
      const deployed = { definitionId: `${key}:${version}`, key, version, deploymentId, process, checksum, versionTag: process.versionTag };
      versions.push(deployed);
      this.versions.set(key, versions);
      this.byId.set(deployed.definitionId, deployed);
      return { id: deployed.definitionId, key, version };
    });
  }

  byDefinitionId(definitionId: string): DeployedProcess | undefined {
    return this.byId.get(definitionId);
  }

  byKey(processKey: string, binding: ProcessBinding): DeployedProcess | undefined {
    return pickVersion(this.versions.get(processKey) ?? [], binding);
  }

  latest(processKey: string): DeployedProcess | undefined {
    return this.versions.get(processKey)?.at(-1);
  }

  /** The latest version of every process key. */
  latestAll(): DeployedProcess[] {
    return [...this.versions.values()].map((versions) => versions.at(-1)!);
  }

  all(): DeployedProcess[] {
    return [...this.byId.values()];
  }
}
