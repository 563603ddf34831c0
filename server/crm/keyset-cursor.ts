import { invalidField } from './shared.js';

/**
 * The keyset cursor of the CRM's lists (products, categories, price lists, activities,
 * calendar, reminders): base64url JSON of
 * `[sort, key, id]` — the sort key and id of a page's last row. Opaque to clients and bound to
 * its sort; `keyShape` says what a key of that sort looks like, so a forged cursor is a 400
 * and never reaches a SQL cast.
 */
export function encodeCursor(sort: string, key: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, key, id])).toString('base64url');
}

export function decodeCursor(text: string, sort: string, keyShape: (key: string) => boolean = () => true): { key: string; id: string } {
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
    typeof parts[2] === 'string' &&
    /^[0-9a-f-]{36}$/i.test(parts[2]) &&
    keyShape(parts[1]);
  if (!valid) throw invalidField('querystring.after', `is not a cursor of this list (sort ${sort})`);
  return { key: parts![1] as string, id: parts![2] as string };
}

/** Escapes LIKE's wildcards so a user's `%` or `_` is matched literally; then appends `%`. */
export const likePrefix = (value: string) => `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
