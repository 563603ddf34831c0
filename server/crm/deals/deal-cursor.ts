import { invalidField } from '../shared.js';
import type { DealSort } from './deal.schemas.js';

/** What a sort key looks like, so a forged cursor is a 400 and never reaches a SQL cast. */
const KEY_SHAPES: Record<string, (key: string) => boolean> = {
  createdAt: (key) => !Number.isNaN(Date.parse(key)),
  amount: (key) => /^[0-9]{1,12}(\.[0-9]{1,2})?$/.test(key),
  title: () => true,
  expectedCloseDate: (key) => key === 'infinity' || /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(key),
};

/** A keyset cursor (base64url JSON of sort, key, id): opaque to clients, bound to its sort. */
export function encodeDealCursor(sort: DealSort, key: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, key, id])).toString('base64url');
}

export function decodeDealCursor(text: string, sort: DealSort): { key: string; id: string } {
  let parts: unknown[] | undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    parts = Array.isArray(parsed) ? parsed : undefined;
  } catch {
    parts = undefined;
  }
  const field = sort.replace(/^-/, '');
  const valid =
    parts?.length === 3 &&
    parts[0] === sort &&
    typeof parts[1] === 'string' &&
    typeof parts[2] === 'string' &&
    /^[0-9a-f-]{36}$/i.test(parts[2]) &&
    KEY_SHAPES[field]!(parts[1]);
  if (!valid) throw invalidField('querystring.after', `is not a cursor of this list (sort ${sort})`);
  return { key: parts![1] as string, id: parts![2] as string };
}
