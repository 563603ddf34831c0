import { request, requestWithHeaders } from './http-client.js';
import { query } from './query-string.js';
import type { ActivityInstance, Incident, InstanceFilter, InstancePage, ProcessInstance, ProcessInstanceDetail, Variables } from './workflow-types.js';

const base = (id: string) => `/api/process-instances/${encodeURIComponent(id)}`;

/** `GET /api/process-instances` (managers, designers), newest first; the next page's cursor is the `x-next-cursor` header. */
export async function listInstances(filter: InstanceFilter, signal?: AbortSignal): Promise<InstancePage> {
  const { data, headers } = await requestWithHeaders<ProcessInstance[]>('GET', `/api/process-instances${query({ ...filter })}`, { signal });
  return { items: data, nextCursor: headers.get('x-next-cursor') || null };
}

/** `GET /api/process-instances/:id`: state, variables, active elements, incidents. */
export function getInstance(id: string, signal?: AbortSignal): Promise<ProcessInstanceDetail> {
  return request<ProcessInstanceDetail>('GET', base(id), { signal });
}

/** `POST /api/process-instances/:id/cancel` (managers, designers); 409 when it has already ended. */
export function cancelInstance(id: string): Promise<ProcessInstance> {
  return request<ProcessInstance>('POST', `${base(id)}/cancel`);
}

/** `PATCH /api/process-instances/:id/variables` (managers, designers). */
export function setInstanceVariables(id: string, variables: Variables): Promise<ProcessInstance> {
  return request<ProcessInstance>('PATCH', `${base(id)}/variables`, { body: variables });
}

/** `GET /api/history/activity-instances`: what ran, in start order. */
export function activityHistory(processInstanceId: string, signal?: AbortSignal): Promise<ActivityInstance[]> {
  return request<ActivityInstance[]>('GET', `/api/history/activity-instances${query({ processInstanceId })}`, { signal });
}

/** `GET /api/incidents` (managers, designers): open ones unless `open` is false. */
export function listIncidents(filter: { processInstanceId?: string; open?: boolean } = {}, signal?: AbortSignal): Promise<Incident[]> {
  return request<Incident[]>('GET', `/api/incidents${query({ ...filter })}`, { signal });
}

/** `POST /api/incidents/:id/resolve`: the job gets retries again, or the failed step runs again. */
export function resolveIncident(id: string, retries?: number): Promise<ProcessInstance> {
  return request<ProcessInstance>('POST', `/api/incidents/${encodeURIComponent(id)}/resolve`, { body: retries === undefined ? {} : { retries } });
}
