import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { customerScope } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';
import { decodeCursor, encodeCursor } from './customer-cursor.js';
import type { CustomerSort } from './customer.schemas.js';
import type { CustomerRow } from './customer.table.js';

export type CustomerCondition = (eb: ExpressionBuilder<Database, 'customers'>) => Expression<SqlBool>;

/**
 * One keyset page of the customers matching `condition` that the viewer may see: the page
 * after the cursor is `(sort key, id) > (cursor key, cursor id)` — one index range, stable
 * under inserts. The customer list and a segment's members page through this one function.
 */
export async function pageOfCustomers(
  db: Kysely<Database>,
  viewer: Viewer,
  condition: CustomerCondition,
  page: { sort: CustomerSort; limit: number; after?: string | undefined },
): Promise<{ rows: CustomerRow[]; nextCursor: string | null }> {
  const descending = page.sort.startsWith('-');
  const byName = page.sort.endsWith('name');
  const key = byName ? sql`lower(customers.name)` : sql`customers.created_at`;
  const direction = descending ? 'desc' : 'asc';
  let query = db
    .selectFrom('customers')
    .selectAll()
    .select(sql<string>`lower(customers.name)`.as('sort_name'))
    .where(customerScope(viewer))
    .where(condition)
    .orderBy(key, direction)
    .orderBy('customers.id', direction)
    .limit(page.limit + 1);
  if (page.after) {
    const cursor = decodeCursor(page.after, page.sort);
    const value = byName ? sql`${cursor.key}::text` : sql`${cursor.key}::timestamptz`;
    query = query.where(sql<SqlBool>`(${key}, customers.id) ${sql.raw(descending ? '<' : '>')} (${value}, ${cursor.id}::uuid)`);
  }
  const rows = await query.execute();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > page.limit && last ? encodeCursor({ sort: page.sort, key: byName ? last.sort_name : last.created_at.toISOString(), id: last.id }) : null;
  return { rows: items as CustomerRow[], nextCursor };
}

/** How many customers match `condition` among those the viewer may see. */
export async function countCustomers(db: Kysely<Database>, viewer: Viewer, condition: CustomerCondition): Promise<number> {
  const row = await db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(customerScope(viewer))
    .where(condition)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
