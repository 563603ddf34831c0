/**
 * Who is signed in, and the transitions between signed out and signed in.
 *
 * Life cycle: `restoreSession()` runs once at start-up (stored token → `GET /api/me`);
 * `signIn()` stores the new token; `signOut()` revokes it; a 401 from any API call or a 4401
 * close of the websocket ends the session as `expired`. Signing in starts the realtime
 * connection and signing out stops it.
 */
import { toApiError, type ApiError } from '../api/api-error.js';
import { fetchMe, login, logout } from '../api/auth-api.js';
import { onUnauthorized } from '../api/http-client.js';
import type { SessionUser } from '../api/types.js';
import { createStore } from '../lib/store.js';
import { realtime } from '../realtime/realtime.js';
import { clearToken, onTokenChangedElsewhere, readToken, writeToken } from './token-store.js';

export type SessionState =
  | { readonly status: 'restoring' }
  | { readonly status: 'signed-out'; readonly reason?: 'expired' | 'signed-out' }
  | { readonly status: 'signed-in'; readonly user: SessionUser }
  /** A token is stored but the server could not be asked about it. */
  | { readonly status: 'unreachable'; readonly error: ApiError };

export const session = createStore<SessionState>({ status: 'restoring' });

/** The page to open after signing in (the one the user asked for while signed out). */
let returnPath: string | null = null;

/** Wires the API client and the websocket to the session; call once before rendering. */
export function initSession(): void {
  onUnauthorized(() => expireSession());
  realtime.setUnauthorizedHandler(() => expireSession());
  onTokenChangedElsewhere(() => {
    const stored = readToken();
    const state = session.get();
    if (!stored && state.status === 'signed-in') endSession('signed-out');
    else if (stored && state.status !== 'signed-in') void restoreSession();
  });
  void restoreSession();
}

/** Checks the stored token with the server and signs in with it, or shows the login page. */
export async function restoreSession(): Promise<void> {
  const stored = readToken();
  if (!stored) {
    session.set({ status: 'signed-out' });
    return;
  }
  session.set({ status: 'restoring' });
  try {
    const user = await fetchMe();
    becomeSignedIn(user, stored.token);
  } catch (error) {
    const apiError = toApiError(error);
    if (apiError.status === 401) return; // the unauthorized handler has ended the session
    session.set({ status: 'unreachable', error: apiError });
  }
}

/** Signs in; rejects with the server's ApiError (e.g. `SRV_ERR_INVALID_CREDENTIALS`). */
export async function signIn(email: string, password: string): Promise<void> {
  const result = await login(email, password);
  writeToken({ token: result.token, expiresAt: result.expiresAt });
  becomeSignedIn(result.user, result.token);
}

/** Signs out at once; the server is told in the background. */
export function signOut(): void {
  const stored = readToken();
  endSession('signed-out');
  if (stored) void logout(stored.token).catch(() => {});
}

/** Ends the session because the server no longer accepts the token. */
export function expireSession(): void {
  if (session.get().status === 'signed-out') return;
  endSession('expired');
}

/** Updates the signed-in user's details (e.g. after an admin edited their own roles). */
export function updateSessionUser(user: SessionUser): void {
  const state = session.get();
  if (state.status === 'signed-in' && state.user.id === user.id) {
    session.set({ status: 'signed-in', user: { id: user.id, email: user.email, name: user.name, roles: user.roles } });
  }
}

export function rememberReturnPath(path: string): void {
  returnPath = path;
}

/** The remembered page, once. */
export function takeReturnPath(): string | null {
  const path = returnPath;
  returnPath = null;
  return path;
}

// helpers //////////

function becomeSignedIn(user: SessionUser, token: string): void {
  session.set({ status: 'signed-in', user });
  realtime.start(token);
}

function endSession(reason: 'expired' | 'signed-out'): void {
  realtime.stop();
  clearToken();
  session.set({ status: 'signed-out', reason });
}
