import { request } from './http-client.js';
import { query } from './query-string.js';
import type { Task, TaskFilter, Variables } from './workflow-types.js';

const base = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

/** `GET /api/tasks`: a rep's own and his groups' open tasks; all of them for managers, designers, admins. */
export function listTasks(filter: TaskFilter = {}, signal?: AbortSignal): Promise<Task[]> {
  return request<Task[]>('GET', `/api/tasks${query({ ...filter })}`, { signal });
}

/** `GET /api/tasks/:id`; 404 for a task that is gone or not the caller's. */
export function getTask(id: string, signal?: AbortSignal): Promise<Task> {
  return request<Task>('GET', base(id), { signal });
}

/** `POST /api/tasks/:id/claim`: the task becomes the caller's. */
export function claimTask(id: string): Promise<Task> {
  return request<Task>('POST', `${base(id)}/claim`);
}

/** `POST /api/tasks/:id/unclaim`: back to its candidates. */
export function unclaimTask(id: string): Promise<Task> {
  return request<Task>('POST', `${base(id)}/unclaim`);
}

/** `POST /api/tasks/:id/complete` → 204; a second completion → 409 `ENG_ERR_TASK_ALREADY_COMPLETED`. */
export function completeTask(id: string, variables: Variables): Promise<void> {
  return request<void>('POST', `${base(id)}/complete`, { body: { variables } });
}

export const ENG_ERR_TASK_ALREADY_COMPLETED = 'ENG_ERR_TASK_ALREADY_COMPLETED';
