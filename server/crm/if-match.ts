import { invalidField } from './shared.js';

/** The schema of an `If-Match` request header carrying a version (the ETag we send). */
export const ifMatchHeaders = { type: 'object', properties: { 'if-match': { type: 'string', description: 'The version you read, e.g. "3" (the ETag)' } } } as const;

/** `"3"`, `W/"3"` or `3` → 3 (what every CRM area's ETag reads back as). */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw invalidField('headers.if-match', 'must be the version you read, e.g. "3"');
  return Number(match[1]);
}

/** The version the caller read: If-Match wins over the body's `version`; one of them is required. */
export function expectedVersion(header: string | undefined, bodyVersion: number | undefined): number {
  const expected = parseIfMatch(header) ?? bodyVersion;
  if (expected === undefined) throw invalidField('body.version', 'is required (or an If-Match header with the version you read)');
  return expected;
}
