/**
 * The bearer token, kept in localStorage so a reload (or a second tab) stays signed in.
 */

const STORAGE_KEY = 'funnelflow.session';

/** Used only when localStorage is unavailable (disabled by the browser): lasts one page. */
let memoryCopy: string | null = null;

export interface StoredToken {
  token: string;
  /** ISO 8601; absent when the server did not say. */
  expiresAt?: string;
}

/** The stored token, or null when there is none, it is unreadable, or it has expired. */
export function readToken(): StoredToken | null {
  const storage = safeStorage();
  const raw = storage ? storage.getItem(STORAGE_KEY) : memoryCopy;
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredToken>;
    if (typeof parsed.token !== 'string' || parsed.token === '') return null;
    if (parsed.expiresAt && Date.parse(parsed.expiresAt) <= Date.now()) {
      clearToken();
      return null;
    }
    return { token: parsed.token, expiresAt: parsed.expiresAt };
  } catch {
    return null;
  }
}

export function writeToken(value: StoredToken): void {
  const raw = JSON.stringify(value);
  const storage = safeStorage();
  if (storage) storage.setItem(STORAGE_KEY, raw);
  else memoryCopy = raw;
}

export function clearToken(): void {
  safeStorage()?.removeItem(STORAGE_KEY);
  memoryCopy = null;
}

/** Calls `listener` when another tab signs in or out. */
export function onTokenChangedElsewhere(listener: () => void): () => void {
  const handle = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', handle);
  return () => window.removeEventListener('storage', handle);
}

// helpers //////////

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
