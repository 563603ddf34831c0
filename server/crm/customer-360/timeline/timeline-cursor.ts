import { invalidField } from '../../shared.js';
import type { TimelineCursor } from './timeline-source.js';

/** A timeline cursor: base64url JSON of [micros, source, sortId], opaque to clients. */
export function encodeTimelineCursor(cursor: TimelineCursor): string {
  return Buffer.from(JSON.stringify([cursor.micros, cursor.source, cursor.sortId])).toString('base64url');
}

export function decodeTimelineCursor(text: string, sources: readonly string[], field: string): TimelineCursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parts = undefined;
  }
  const valid =
    Array.isArray(parts) &&
    parts.length === 3 &&
    typeof parts[0] === 'string' &&
    /^-?[0-9]{1,19}$/.test(parts[0]) &&
    typeof parts[1] === 'string' &&
    sources.includes(parts[1]) &&
    typeof parts[2] === 'string' &&
    parts[2].length <= 200;
  if (!valid) throw invalidField(field, 'is not a cursor of this timeline');
  const [micros, source, sortId] = parts as [string, string, string];
  return { micros, source, sortId };
}
