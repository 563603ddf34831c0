import { sql, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { Viewer } from '../access/viewer.js';
import { decodeCursor, encodeCursor } from '../customers/customer-cursor.js';
import { normaliseIdentifier } from '../customers/customer-identifiers.js';
import { normalisedContacts, type LeadValues } from './lead-fields.js';
import type { ListLeadsQuery } from './lead.schemas.js';
import { leadScope } from './lead-scope.js';
import { LEAD_STATUSES, type LeadRow, type LeadSource, type LeadStatus } from './lead.tables.js';

type Db = Kysely<Database>;

/** One lead if the viewer may see it (the same scope as the list), locked when asked. */
export async function findVisibleLead(db: Db, viewer: Viewer, id: string, options: { forUpdate?: boolean } = {}): Promise<LeadRow | undefined> {
  let query = db.selectFrom('leads').selectAll().where('id', '=', id).where(leadScope(viewer));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The name a lead sorts by: the person, else the company. */
const SORT_NAME = sql<string>`lower(coalesce(leads.person_name, leads.company_name))`;

/**
 * The viewer's leads, filtered, sorted and keyset-paginated: the page after the cursor is
 * `(sort key, id) > (cursor key, cursor id)` — one index range, stable under inserts. The
 * cursor format is the customers' (same sorts: name / createdAt, either direction).
 */
export async function listVisibleLeads(db: Db, viewer: Viewer, q: ListLeadsQuery) {
  const descending = q.sort.startsWith('-');
  const byName = q.sort.endsWith('name');
  const key = byName ? SORT_NAME : sql`leads.created_at`;
  const direction = descending ? 'desc' : 'asc';
  let query = db
    .selectFrom('leads')
    .selectAll()
    .select(SORT_NAME.as('sort_name'))
    .where(leadScope(viewer))
    .orderBy(key, direction)
    .orderBy('leads.id', direction)
    .limit(q.limit + 1);
  if (q.status?.length) query = query.where('status', 'in', q.status);
  if (q.source?.length) query = query.where('source', 'in', q.source);
  if (q.ownerId) query = query.where('owner_id', '=', q.ownerId);
  if (q.unitId) query = query.where('unit_id', '=', q.unitId);
  if (q.importId) query = query.where('import_id', '=', q.importId);
  if (q.q) query = query.where(matchesSearch(q.q));
  if (q.after) {
    const cursor = decodeCursor(q.after, q.sort);
    const value = byName ? sql`${cursor.key}::text` : sql`${cursor.key}::timestamptz`;
    query = query.where(sql<SqlBool>`(${key}, leads.id) ${sql.raw(descending ? '<' : '>')} (${value}, ${cursor.id}::uuid)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > q.limit && last ? encodeCursor({ sort: q.sort, key: byName ? last.sort_name : last.created_at.toISOString(), id: last.id }) : null;
  return { rows: page as LeadRow[], nextCursor };
}

/**
 * `q` is a prefix of the person or company name (case-insensitive), of the e-mail, or — when
 * it looks like a phone number — of the phone's digits: btree range scans (text_pattern_ops).
 */
function matchesSearch(q: string) {
  const prefix = (value: string) => `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const digits = normaliseIdentifier('phone', q);
  const looksLikePhone = /^\+?[0-9 ()./-]+$/.test(q) && digits.length >= 3;
  const lower = q.trim().toLowerCase();
  return (eb: ExpressionBuilder<Database, 'leads'>) =>
    eb.or([
      eb(sql`lower(leads.person_name)`, 'like', prefix(lower)),
      eb(sql`lower(leads.company_name)`, 'like', prefix(lower)),
      eb('leads.email_normalized', 'like', prefix(lower)),
      ...(looksLikePhone ? [eb('leads.phone_normalized', 'like', prefix(digits))] : []),
    ]);
}

/** Leads per channel and status created in `[from, to)`, within the viewer's scope. */
export async function leadStats(db: Db, viewer: Viewer, from: Date | undefined, to: Date | undefined) {
  let query = db
    .selectFrom('leads')
    .select(['source', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .where(leadScope(viewer))
    .groupBy(['source', 'status'])
    .orderBy('source');
  if (from) query = query.where('created_at', '>=', from);
  if (to) query = query.where('created_at', '<', to);
  const bySource = new Map<LeadSource, { source: LeadSource; total: number; byStatus: Record<LeadStatus, number> }>();
  for (const row of await query.execute()) {
    const entry = bySource.get(row.source) ?? { source: row.source, total: 0, byStatus: Object.fromEntries(LEAD_STATUSES.map((s) => [s, 0])) as Record<LeadStatus, number> };
    entry.byStatus[row.status] = Number(row.n);
    entry.total += Number(row.n);
    bySource.set(row.source, entry);
  }
  const items = [...bySource.values()].sort((a, b) => b.total - a.total || a.source.localeCompare(b.source));
  return { total: items.reduce((sum, s) => sum + s.total, 0), bySource: items };
}

/** The column values of a lead's content (normalised contacts beside what was typed). */
export function contentColumns(values: LeadValues) {
  const normalised = normalisedContacts(values);
  return {
    person_name: values.personName,
    company_name: values.companyName,
    email: values.email,
    email_normalized: normalised.email,
    phone: values.phone,
    phone_normalized: normalised.phone,
    purpose: values.purpose,
    notes: values.notes,
    products_of_interest: values.productsOfInterest,
    source_detail: values.sourceDetail,
    custom_data: JSON.stringify(values.customData),
  };
}

export function valuesOf(row: LeadRow): LeadValues {
  return {
    personName: row.person_name,
    companyName: row.company_name,
    email: row.email,
    phone: row.phone,
    purpose: row.purpose,
    notes: row.notes,
    productsOfInterest: row.products_of_interest,
    sourceDetail: row.source_detail,
    customData: row.custom_data as LeadValues['customData'],
  };
}

export function toLeadDto(row: LeadRow) {
  return {
    id: row.id,
    status: row.status,
    disqualifyReason: row.disqualify_reason,
    ...valuesOf(row),
    source: row.source,
    ownerId: row.owner_id,
    unitId: row.unit_id,
    importId: row.import_id,
    importRow: row.import_row,
    convertedCustomerId: row.converted_customer_id,
    convertedDealId: row.converted_deal_id,
    convertedAt: row.converted_at?.toISOString() ?? null,
    createdBy: row.created_by,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export type LeadDto = ReturnType<typeof toLeadDto>;
