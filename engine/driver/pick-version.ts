import type { DeployedProcess, ProcessBinding } from '../ports/process-lookup.js';

/**
 * The version a call activity's binding picks among the deployed versions of one key
 * (oldest first): the latest, the one deployed with the caller, or the latest with the
 * version tag. Shared by the in-memory registry and the PostgreSQL shell's cache.
 */
export function pickVersion<T extends DeployedProcess & { readonly versionTag: string | null }>(versions: readonly T[], binding: ProcessBinding): T | undefined {
  switch (binding.type) {
    case 'latest':
      return versions.at(-1);
    case 'deployment':
      return versions.findLast((deployed) => deployed.deploymentId === binding.caller.deploymentId);
    case 'versionTag':
      return versions.findLast((deployed) => deployed.versionTag === binding.versionTag);
  }
}
