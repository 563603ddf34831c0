import { invalidField } from '../shared.js';

/**
 * A keyset cursor over a timestamp-keyed list (base64url JSON of sort, key, id): opaque to
 * clients, bound to its sort, checked so a forged one is a 400 and never reaches a SQL cast.
 */
export function encodeTimeCursor(sort: string, key: Date, id: string): string {
  return Buffer.from(JSON.stringify([sort, key.toISOString(), id])).toString('base64url');
}

export function decodeTimeCursor(text: string, sort: string): { key: string; id: string } {
  let parts: unknown[] | undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    parts = Array.isArray(parsed) ? parsed : undefined;
  } catch {
    parts = undefined;
  }
  const valid =
    parts?.length === 3 &&
    parts[0] === sort &&
    typeof parts[1] === 'string' &&
    !Number.isNaN(Date.parse(parts[1])) &&
    typeof parts[2] === 'string' &&
    /^[0-9a-f-]{36}$/i.test(parts[2]);
  if (!valid) throw invalidField('querystring.after', `is not a cursor of this list (sort ${sort})`);
  return { key: parts![1] as string, id: parts![2] as string };
}
