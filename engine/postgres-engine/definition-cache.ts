import type { DeployedProcess, ProcessBinding, ProcessLookup } from '../ports/process-lookup.js';
import { pickVersion } from '../driver/pick-version.js';

export interface CachedProcess extends DeployedProcess {
  readonly versionTag: string | null;
}

/**
 * Parsed models of deployed processes, in memory: the core looks processes up
 * synchronously, so the shell loads what a command needs before running it. Versions of
 * a key are kept sorted; a definition deployed by another node is added when loaded.
 */
export class DefinitionCache implements ProcessLookup {
  private readonly byId = new Map<string, CachedProcess>();
  private readonly versions = new Map<string, CachedProcess[]>();
  private readonly latestIds = new Map<string, string>();

  add(process: CachedProcess): void {
    if (this.byId.has(process.definitionId)) return;
    this.byId.set(process.definitionId, process);
    const list = this.versions.get(process.key) ?? [];
    list.push(process);
    list.sort((a, b) => a.version - b.version);
    this.versions.set(process.key, list);
  }

  /**
   * The latest version of a key as last learned from a deployment or the database — not
   * merely the newest one cached (old versions are loaded for old instances).
   */
  latestId(key: string): string | undefined {
    return this.latestIds.get(key);
  }

  rememberLatest(key: string, definitionId: string): void {
    this.latestIds.set(key, definitionId);
  }

  /** Another node deployed `key`: the next start asks the database again. */
  forgetLatest(key: string): void {
    this.latestIds.delete(key);
  }

  has(definitionId: string): boolean {
    return this.byId.has(definitionId);
  }

  byDefinitionId(definitionId: string): DeployedProcess | undefined {
    return this.byId.get(definitionId);
  }

  byKey(processKey: string, binding: ProcessBinding): DeployedProcess | undefined {
    return pickVersion(this.versions.get(processKey) ?? [], binding);
  }
}
