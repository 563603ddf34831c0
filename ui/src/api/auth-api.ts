import { request } from './http-client.js';
import type { LoginResponse, SessionUser } from './types.js';

/** `POST /api/auth/login`; a wrong password rejects with `SRV_ERR_INVALID_CREDENTIALS` (401). */
export function login(email: string, password: string): Promise<LoginResponse> {
  return request<LoginResponse>('POST', '/api/auth/login', { body: { email, password }, auth: false });
}

/**
 * `POST /api/auth/logout`: revokes `token`. Sent with the token given (the session has already
 * forgotten it), so a 401 here does not count as "signed out elsewhere".
 */
export function logout(token: string): Promise<void> {
  return request<void>('POST', '/api/auth/logout', { auth: false, token, keepalive: true });
}

/** `GET /api/me`: who the stored token belongs to. */
export function fetchMe(signal?: AbortSignal): Promise<SessionUser> {
  return request<SessionUser>('GET', '/api/me', { signal });
}
