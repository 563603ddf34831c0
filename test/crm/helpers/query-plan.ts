import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../server/db/tables/index.js';

/** The plan of `query` with sequential scans priced out: which index, if any, can serve it. */
export async function planOf(db: Kysely<Database>, query: string): Promise<string> {
  return db.connection().execute(async (conn) => {
    await sql`set enable_seqscan = off`.execute(conn);
    try {
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(query)}`.execute(conn);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await sql`reset enable_seqscan`.execute(conn);
    }
  });
}
