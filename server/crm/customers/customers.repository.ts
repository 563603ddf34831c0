import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { customerScope } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';
import { pageOfCustomers } from './customer-page.js';
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

/** The viewer's customers, filtered, sorted and keyset-paginated (see customer-page.ts). */
export async function listVisibleCustomers(db: Db, viewer: Viewer, q: ListCustomersQuery) {
  const folder = q.folderId ? await inFolder(db, viewer, q.folderId) : null;
  return pageOfCustomers(
    db,
    viewer,
    (eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (q.status?.length) conditions.push(eb('status', 'in', q.status));
      if (q.kind) conditions.push(eb('kind', '=', q.kind));
      if (q.ownerId) conditions.push(eb('owner_id', '=', q.ownerId));
      if (q.unitId) conditions.push(eb('unit_id', '=', q.unitId));
      if (q.typeId) conditions.push(eb('type_id', '=', q.typeId));
      if (q.category?.length) conditions.push(sql<SqlBool>`customers.categories @> ${q.category}::text[]`);
      if (q.q) conditions.push(matchesSearch(q.q)(eb));
      if (folder) conditions.push(folder(eb));
      return eb.and(conditions);
    },
    q,
  );
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
