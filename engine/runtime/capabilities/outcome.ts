/** A step that can fail with a message (which becomes an incident), instead of throwing. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export function success<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function failure<T = never>(message: string): Outcome<T> {
  return { ok: false, message };
}

export const DONE: Outcome<void> = { ok: true, value: undefined };
