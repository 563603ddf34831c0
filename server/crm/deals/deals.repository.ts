import { sql, type Insertable, type Kysely, type SqlBool, type Updateable } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { Actor } from '../audit/audit-log.repository.js';
import type { Viewer } from '../access/viewer.js';
import { decodeDealCursor, encodeDealCursor } from './deal-cursor.js';
import { dealScope } from './deal-scope.js';
import type { DealSort, ListDealsQuery } from './deal.schemas.js';
import type { DealChange, DealHistoryRow, DealRow, DealStatus, DealTable } from './deal.tables.js';

type Db = Kysely<Database>;

/**
 * A deal's columns as the API reads them: the amount and the date as text, so neither
 * driver turns `numeric` into a float or a `date` into a time-zone-shifted Date.
 */
const DEAL_COLUMNS = [
  'deals.id',
  'deals.customer_id',
  'deals.owner_id',
  'deals.title',
  sql<string>`deals.amount::text`.as('amount'),
  'deals.currency',
  sql<string | null>`deals.expected_close_date::text`.as('expected_close_date'),
  'deals.pipeline_id',
  'deals.stage_key',
  'deals.status',
  'deals.close_reason',
  'deals.closed_at',
  'deals.process_instance_id',
  'deals.version',
  'deals.created_at',
  'deals.updated_at',
] as const;

/** One deal if the viewer may see it (the same scope as the list), locked when asked. */
export async function findVisibleDeal(db: Db, viewer: Viewer, id: string, options: { forUpdate?: boolean } = {}): Promise<DealRow | undefined> {
  let query = db.selectFrom('deals').select(DEAL_COLUMNS).where('deals.id', '=', id).where(dealScope(viewer));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertDeal(db: Db, values: Insertable<DealTable>): Promise<DealRow> {
  return db.insertInto('deals').values(values).returning(DEAL_COLUMNS).executeTakeFirstOrThrow();
}

export async function updateDealRow(db: Db, id: string, set: Updateable<DealTable>): Promise<DealRow> {
  return db.updateTable('deals').set(set).where('id', '=', id).returning(DEAL_COLUMNS).executeTakeFirstOrThrow();
}

/** The SQL sort key of each sort; NULL close dates sort as 'infinity' (last ascending). */
function sortKey(sort: DealSort) {
  const field = sort.replace(/^-/, '');
  if (field === 'amount') return { key: sql`deals.amount`, cast: sql`numeric` };
  if (field === 'title') return { key: sql`lower(deals.title)`, cast: sql`text` };
  if (field === 'expectedCloseDate') return { key: sql`coalesce(deals.expected_close_date, 'infinity'::date)`, cast: sql`date` };
  return { key: sql`deals.created_at`, cast: sql`timestamptz` };
}

/**
 * The viewer's deals, filtered, sorted and keyset-paginated: the page after the cursor is
 * `(sort key, id) > (cursor key, cursor id)` — one index range, stable under inserts.
 */
export async function listVisibleDeals(db: Db, viewer: Viewer, q: ListDealsQuery) {
  const descending = q.sort.startsWith('-');
  const direction = descending ? 'desc' : 'asc';
  const { key, cast } = sortKey(q.sort);
  let query = db
    .selectFrom('deals')
    .select(DEAL_COLUMNS)
    .select(sql<string>`(${key})::text`.as('sort_key'))
    .where(dealScope(viewer))
    .orderBy(key, direction)
    .orderBy('deals.id', direction)
    .limit(q.limit + 1);
  if (q.pipelineId) query = query.where('deals.pipeline_id', '=', q.pipelineId);
  if (q.stage?.length) query = query.where('deals.stage_key', 'in', q.stage);
  if (q.status?.length) query = query.where('deals.status', 'in', q.status);
  if (q.ownerId) query = query.where('deals.owner_id', '=', q.ownerId);
  if (q.customerId) query = query.where('deals.customer_id', '=', q.customerId);
  if (q.q) query = query.where(sql<SqlBool>`lower(deals.title) like ${`%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (q.after) {
    const cursor = decodeDealCursor(q.after, q.sort);
    query = query.where(sql<SqlBool>`(${key}, deals.id) ${sql.raw(descending ? '<' : '>')} (${cursor.key}::${cast}, ${cursor.id}::uuid)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const lastKey = last && (q.sort.endsWith('createdAt') ? last.created_at.toISOString() : last.sort_key);
  const nextCursor = rows.length > q.limit && last && lastKey !== undefined ? encodeDealCursor(q.sort, lastKey, last.id) : null;
  return { rows: page as DealRow[], nextCursor };
}

/** Appends one line of a deal's change log (the state after the change), in the write's transaction. */
export async function recordDealChange(
  db: Db,
  actor: Actor,
  change: DealChange,
  deal: DealRow,
  previous: { stage: string | null; status: DealStatus | null },
  reason: string | null = null,
): Promise<void> {
  await db
    .insertInto('deal_stage_history')
    .values({
      deal_id: deal.id,
      change,
      from_stage: previous.stage,
      to_stage: deal.stage_key,
      from_status: previous.status,
      status: deal.status,
      amount: deal.amount,
      currency: deal.currency,
      owner_id: deal.owner_id,
      reason,
      by_user_id: actor.userId,
      on_behalf_of_id: actor.onBehalfOf,
    })
    .execute();
}

export async function dealHistory(db: Db, dealId: string): Promise<DealHistoryRow[]> {
  return db
    .selectFrom('deal_stage_history')
    .select([
      'id',
      'deal_id',
      'change',
      'from_stage',
      'to_stage',
      'from_status',
      'status',
      sql<string>`amount::text`.as('amount'),
      'currency',
      'owner_id',
      'reason',
      'by_user_id',
      'on_behalf_of_id',
      'at',
    ])
    .where('deal_id', '=', dealId)
    .orderBy('id')
    .execute();
}

export function toDealDto(row: DealRow) {
  return {
    id: row.id,
    customerId: row.customer_id,
    ownerId: row.owner_id,
    title: row.title,
    amount: row.amount,
    currency: row.currency,
    expectedCloseDate: row.expected_close_date,
    pipelineId: row.pipeline_id,
    stage: row.stage_key,
    status: row.status,
    reason: row.close_reason,
    closedAt: row.closed_at?.toISOString() ?? null,
    processInstanceId: row.process_instance_id,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export type DealDto = ReturnType<typeof toDealDto>;

export function toHistoryDto(row: DealHistoryRow) {
  return {
    id: String(row.id),
    change: row.change,
    fromStage: row.from_stage,
    toStage: row.to_stage,
    fromStatus: row.from_status,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    ownerId: row.owner_id,
    reason: row.reason,
    byUserId: row.by_user_id,
    onBehalfOfId: row.on_behalf_of_id,
    at: row.at.toISOString(),
  };
}
