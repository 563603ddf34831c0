import { invalidField } from '../shared.js';

/**
 * A keyset cursor: the sort key and id of the last row of a page, opaque to clients
 * (base64url JSON). It carries its sort so a cursor of another sort is refused.
 */
export interface CustomerCursor {
  readonly sort: string;
  readonly key: string;
  readonly id: string;
}

export function encodeCursor(cursor: CustomerCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string, sort: string): CustomerCursor {
  let parts: unknown[] | undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    parts = Array.isArray(parsed) ? parsed : undefined;
  } catch {
    parts = undefined;
  }
  const valid =
    parts !== undefined &&
    parts.length === 3 &&
    parts[0] === sort &&
    typeof parts[1] === 'string' &&
    typeof parts[2] === 'string' &&
    /^[0-9a-f-]{36}$/i.test(parts[2]) &&
    (!sort.endsWith('createdAt') || !Number.isNaN(Date.parse(parts[1])));
  if (!valid) throw invalidField('querystring.after', `is not a cursor of this list (sort ${sort})`);
  return { sort, key: parts![1] as string, id: parts![2] as string };
}
