import { sql, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { customerScope } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';
import { decodeCursor, encodeCursor } from './customer-cursor.js';
import { normaliseIdentifier } from './customer-identifiers.js';
import { inFolder } from '../folders/folder-filter.js';
import type { CustomerFields, ListCustomersQuery } from './customer.schemas.js';
import type { CustomerRow } from './customer.table.js';

type Db = Kysely<Database>;

/** One customer if the viewer may see it (the same scope as the list), locked when asked. */
export async function findVisibleCustomer(db: Db, viewer: Viewer, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('customers').selectAll().where('id', '=', id).where(customerScope(viewer));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/**
 * The viewer's customers, filtered, sorted and keyset-paginated: the page after the cursor
 * is `(sort key, id) > (cursor key, cursor id)` — one index range, stable under inserts.
 */
export async function listVisibleCustomers(db: Db, viewer: Viewer, q: ListCustomersQuery) {
  const descending = q.sort.startsWith('-');
  const byName = q.sort.endsWith('name');
  const key = byName ? sql`lower(customers.name)` : sql`customers.created_at`;
  const direction = descending ? 'desc' : 'asc';

  let query = db
    .selectFrom('customers')
    .selectAll()
    .select(sql<string>`lower(customers.name)`.as('sort_name'))
    .where(customerScope(viewer))
    .orderBy(key, direction)
    .orderBy('customers.id', direction)
    .limit(q.limit + 1);
  if (q.status?.length) query = query.where('status', 'in', q.status);
  if (q.kind) query = query.where('kind', '=', q.kind);
  if (q.ownerId) query = query.where('owner_id', '=', q.ownerId);
  if (q.unitId) query = query.where('unit_id', '=', q.unitId);
  if (q.typeId) query = query.where('type_id', '=', q.typeId);
  if (q.category?.length) query = query.where(sql<SqlBool>`customers.categories @> ${q.category}::text[]`);
  if (q.q) query = query.where(matchesSearch(q.q));
  if (q.folderId) query = query.where(await inFolder(db, viewer, q.folderId));
  if (q.after) {
    const cursor = decodeCursor(q.after, q.sort);
    const value = byName ? sql`${cursor.key}::text` : sql`${cursor.key}::timestamptz`;
    query = query.where(sql<SqlBool>`(${key}, customers.id) ${sql.raw(descending ? '<' : '>')} (${value}, ${cursor.id}::uuid)`);
  }

  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last ? encodeCursor({ sort: q.sort, key: byName ? last.sort_name : last.created_at.toISOString(), id: last.id }) : null;
  return { rows: page as CustomerRow[], nextCursor };
}

/**
 * `q` is a prefix of the name (case-insensitive), of an e-mail, or — when it looks like a
 * phone number — of a phone's digits. Prefixes, not substrings: each is a btree range
 * scan (text_pattern_ops); substring search would need pg_trgm, which PGlite lacks here.
 * The three ranges are united first and the customers joined to them (a semi-join), so an
 * index drives the search; an OR of per-row checks walked every visible customer instead
 * (seconds at a million customers).
 */
function matchesSearch(q: string) {
  const prefix = (value: string) => `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const digits = normaliseIdentifier('phone', q);
  const looksLikePhone = /^\+?[0-9 ()./-]+$/.test(q) && digits.length >= 3;
  return (eb: ExpressionBuilder<Database, 'customers'>) => {
    const identifier = (kind: 'email' | 'phone', value: string) =>
      eb.selectFrom('customer_identifiers as ci').select('ci.customer_id as id').where('ci.kind', '=', kind).where('ci.value', 'like', prefix(value));
    let matches = eb
      .selectFrom('customers as named')
      .select('named.id as id')
      .where(sql<string>`lower(named.name)`, 'like', prefix(q.toLowerCase()))
      .union(identifier('email', q.trim().toLowerCase()));
    if (looksLikePhone) matches = matches.union(identifier('phone', digits));
    return eb('customers.id', 'in', matches);
  };
}

/** The column values of a customer's writable fields (jsonb columns go in as JSON text). */
export function toColumns(fields: CustomerFields) {
  return {
    name: fields.name,
    emails: JSON.stringify(fields.emails),
    phones: JSON.stringify(fields.phones),
    addresses: JSON.stringify(fields.addresses),
    status: fields.status,
    categories: fields.categories,
    owner_id: fields.ownerId,
    unit_id: fields.unitId,
    region: fields.region,
    source: fields.source,
    tax_id: fields.taxId,
    type_id: fields.typeId,
    custom_fields: JSON.stringify(fields.customFields),
  };
}

export function fieldsOf(row: CustomerRow): CustomerFields {
  return {
    name: row.name,
    emails: row.emails,
    phones: row.phones,
    addresses: row.addresses,
    status: row.status,
    categories: row.categories,
    ownerId: row.owner_id,
    unitId: row.unit_id,
    region: row.region,
    source: row.source,
    taxId: row.tax_id,
    typeId: row.type_id,
    customFields: row.custom_fields,
  };
}

export function toCustomerDto(row: CustomerRow) {
  return {
    id: row.id,
    kind: row.kind,
    ...fieldsOf(row),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export type CustomerDto = ReturnType<typeof toCustomerDto>;
