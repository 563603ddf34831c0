/**
 * The one way the UI talks HTTP to the server: JSON in and out, the bearer token from the
 * token store, every failure thrown as an {@link ApiError}.
 *
 * A 401 on an authenticated request means the session is gone (expired, revoked, user
 * deactivated): the client tells the handler set with {@link onUnauthorized}, which signs the
 * user out and shows the login page, and still throws so the caller stops.
 */
import { ApiError, UI_ERR_BAD_RESPONSE, UI_ERR_HTTP, UI_ERR_NETWORK } from './api-error.js';
import type { ErrorBody } from './types.js';
import { readToken } from '../session/token-store.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  /** Send the bearer token and treat a 401 as "signed out" (default true; false for login). */
  auth?: boolean;
  /** Use this bearer token instead of the stored one. */
  token?: string;
  signal?: AbortSignal;
  /** Let the request outlive the page (for sign-out). */
  keepalive?: boolean;
}

let unauthorizedHandler: (error: ApiError) => void = () => {};

/** Registers what happens when an authenticated request gets a 401 (one handler). */
export function onUnauthorized(handler: (error: ApiError) => void): void {
  unauthorizedHandler = handler;
}

/** Sends one request to `/api…` and resolves with the parsed JSON body (undefined for 204). */
export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestWithHeaders<T>(method, path, options)).data;
}

/** A response's parsed body together with its headers (e.g. a paging cursor). */
export interface ApiResponse<T> {
  data: T;
  headers: Headers;
}

/** Like {@link request}, but also resolves with the response headers. */
export async function requestWithHeaders<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const { body, auth = true, signal, keepalive } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = options.token ?? (auth ? readToken()?.token : undefined);
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      keepalive,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(UI_ERR_NETWORK, 'Cannot reach the server. Check your connection and try again.', 0);
  }

  const payload = await readJson(response);
  if (response.ok) return { data: payload as T, headers: response.headers };

  const error = errorFrom(response, payload);
  if (auth && response.status === 401) unauthorizedHandler(error);
  throw error;
}

// helpers //////////

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (!response.ok) return undefined;
    throw new ApiError(UI_ERR_BAD_RESPONSE, `The server sent an unreadable response (${response.status}).`, response.status);
  }
}

function errorFrom(response: Response, payload: unknown): ApiError {
  if (isErrorBody(payload)) return new ApiError(payload.code, payload.message, response.status, payload.details, payload);
  const reason = response.statusText ? ` ${response.statusText}` : '';
  return new ApiError(UI_ERR_HTTP, `The request failed (${response.status}${reason}).`, response.status);
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}
