import { request } from './http-client.js';
import type { CreateUserInput, UpdateUserInput, UserList, UserRecord } from './types.js';

/** `GET /api/users` (admin). */
export async function listUsers(signal?: AbortSignal): Promise<UserRecord[]> {
  const list = await request<UserList>('GET', '/api/users', { signal });
  return list.items;
}

/** `POST /api/users` (admin); 400 `SRV_ERR_VALIDATION`, 409 `SRV_ERR_CONFLICT` for a taken e-mail. */
export function createUser(input: CreateUserInput): Promise<UserRecord> {
  return request<UserRecord>('POST', '/api/users', { body: input });
}

/** `PATCH /api/users/:id` (admin): any of name, roles, active, password. */
export function updateUser(id: string, changes: UpdateUserInput): Promise<UserRecord> {
  return request<UserRecord>('PATCH', `/api/users/${encodeURIComponent(id)}`, { body: changes });
}
