import type { ApiError } from './api-error.js';
import { request } from './http-client.js';
import { query } from './query-string.js';
import type { DefinitionXml, Deployment, DeploymentInput, DeploymentProblem, ProcessDefinition, ProcessInstance, StartInstanceInput } from './workflow-types.js';

/** `GET /api/process-definitions`: every version (by key, latest first), or only the latest of each key. */
export function listDefinitions(filter: { key?: string; latest?: boolean } = {}, signal?: AbortSignal): Promise<ProcessDefinition[]> {
  return request<ProcessDefinition[]>('GET', `/api/process-definitions${query({ ...filter })}`, { signal });
}

/** `GET /api/process-definitions/:id/xml`. */
export function definitionXml(id: string, signal?: AbortSignal): Promise<DefinitionXml> {
  return request<DefinitionXml>('GET', `/api/process-definitions/${encodeURIComponent(id)}/xml`, { signal });
}

/**
 * `POST /api/deployments` (designers) → the created (or unchanged) versions; an invalid model
 * rejects with 400 `ENG_ERR_DEPLOYMENT_INVALID` whose body lists `problems` ({@link deploymentProblems}).
 */
export function deploy(input: DeploymentInput): Promise<Deployment> {
  return request<Deployment>('POST', '/api/deployments', { body: input });
}

/** `POST /api/process-definitions/key/:key/start`: an instance of the latest version. */
export function startInstance(key: string, input: StartInstanceInput): Promise<ProcessInstance> {
  return request<ProcessInstance>('POST', `/api/process-definitions/key/${encodeURIComponent(key)}/start`, { body: input });
}

export const ENG_ERR_DEPLOYMENT_INVALID = 'ENG_ERR_DEPLOYMENT_INVALID';

/** The `problems` of a rejected deployment (empty for any other error). */
export function deploymentProblems(error: ApiError): DeploymentProblem[] {
  const body = error.body as { problems?: unknown } | undefined;
  if (error.code !== ENG_ERR_DEPLOYMENT_INVALID || !Array.isArray(body?.problems)) return [];
  return body.problems.filter((p): p is DeploymentProblem => typeof p === 'object' && p !== null && typeof (p as DeploymentProblem).message === 'string');
}
