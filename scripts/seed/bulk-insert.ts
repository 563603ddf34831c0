import { sql, type Kysely } from 'kysely';

/** Column name → SQL type of the rows a table receives (see its migration). */
export type Columns = Readonly<Record<string, string>>;

/**
 * Inserts `rows` into `table` with one statement, whatever their number: the rows travel
 * as a single JSON parameter that PostgreSQL unpacks (`jsonb_to_recordset`), as the
 * engine's row writer does. Keys of each row are column names; JSON arrays become SQL
 * arrays, ISO strings timestamps.
 */
export async function insertRows(db: Kysely<any>, table: string, columns: Columns, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.raw(Object.keys(columns).join(', '));
  const types = sql.raw(Object.entries(columns).map(([column, type]) => `${column} ${type}`).join(', '));
  await sql`insert into ${sql.table(table)} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${types})`.execute(db);
}
