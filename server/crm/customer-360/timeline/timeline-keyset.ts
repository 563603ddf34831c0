import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { KeysetBound } from './timeline-source.js';

/** Microseconds since the epoch of a timestamptz column: exact (extract returns numeric), tie-safe. */
export const microsOf = (column: RawBuilder<unknown>) => sql<string>`(extract(epoch from ${column}) * 1000000)::bigint::text`;

/** A bigint id as a string that sorts like the number (the merged order compares strings). */
export const paddedId = (column: RawBuilder<unknown>) => sql<string>`lpad(${column}::text, 20, '0')`;

/**
 * The where-condition "strictly after the cursor in newest-first order" for one source,
 * whose rows have the instant `at` and the sortable id `sortId` (SQL expressions).
 */
export function keysetBefore(at: RawBuilder<unknown>, sortId: RawBuilder<unknown>, bound: KeysetBound | undefined): RawBuilder<SqlBool> {
  if (!bound) return sql<SqlBool>`true`;
  const micros = sql`(extract(epoch from ${at}) * 1000000)::bigint`;
  const cursor = sql`${bound.micros}::bigint`;
  if (bound.sameInstant === 'allowed') return sql<SqlBool>`${micros} <= ${cursor}`;
  if (bound.sameInstant === 'forbidden') return sql<SqlBool>`${micros} < ${cursor}`;
  return sql<SqlBool>`(${micros} < ${cursor} or (${micros} = ${cursor} and ${sortId} < ${bound.sameInstant.sortIdBelow}))`;
}
