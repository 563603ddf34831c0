import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, conflict, forbidden, notFound } from '../../errors.js';
import { customerScope } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';
import { recordAudit, type Actor } from '../audit/audit-log.repository.js';
import { toCustomerDto } from '../customers/customers.repository.js';
import { invalidField } from '../shared.js';
import { countCustomers, pageOfCustomers } from '../customers/customer-page.js';
import { checkFilter } from './segment-filter.check.js';
import { compileFilter } from './segment-filter.compile.js';
import type { CustomerPage, NewSegment, SegmentChanges, SegmentDto } from './segment.schemas.js';
import { managingFor } from './segment-scope.js';
import type { SegmentRow } from './segment.tables.js';
import { findVisibleSegment, membersCondition, toSegmentDto } from './segments.repository.js';

type Db = Kysely<Database>;

/**
 * Creates a segment owned by the caller. A dynamic one needs a filter; a static one given a
 * filter starts as a snapshot of the matching customers the caller can see (one INSERT …
 * SELECT in the same transaction), and is edited member by member from then on.
 */
export async function createSegment(db: Db, viewer: Viewer, input: NewSegment): Promise<SegmentDto & { memberCount?: number }> {
  if (input.kind === 'dynamic' && input.filter === undefined) throw invalidField('body.filter', 'is required for a dynamic segment');
  const filter = input.filter === undefined ? null : checkFilter(input.filter);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('segments')
      .values({ name: input.name.trim(), description: input.description ?? null, kind: input.kind, filter: filter && JSON.stringify(filter), owner_id: viewer.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    let snapshot: number | undefined;
    if (row.kind === 'static' && filter) {
      const inserted = await trx
        .insertInto('segment_members')
        .columns(['segment_id', 'customer_id'])
        .expression((eb) => eb.selectFrom('customers').select([sql<string>`${row.id}::uuid`.as('segment_id'), 'customers.id']).where(customerScope(viewer)).where(compileFilter(filter)))
        .executeTakeFirst();
      snapshot = Number(inserted.numInsertedOrUpdatedRows ?? 0n);
    }
    const after = toSegmentDto(row);
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: null }, { entityType: 'segment', entityId: row.id, action: 'create', after: { ...after, snapshotMembers: snapshot } });
    return snapshot === undefined ? after : { ...after, memberCount: snapshot };
  });
}

/** Renames, re-describes or (dynamic only) re-defines a segment, under optimistic concurrency. */
export async function updateSegment(db: Db, viewer: Viewer, id: string, changes: SegmentChanges, expected: number): Promise<SegmentDto> {
  const { version: _version, ...fields } = changes;
  const filter = fields.filter === undefined ? undefined : checkFilter(fields.filter);
  return writeSegment(db, viewer, id, expected, 'update', async (trx, current) => {
    if (filter && current.kind === 'static') throw invalidField('body.filter', 'is fixed for a static segment: add or remove members, or create a new snapshot');
    return trx
      .updateTable('segments')
      .set({
        ...(fields.name !== undefined && { name: fields.name.trim() }),
        ...(fields.description !== undefined && { description: fields.description }),
        ...(filter && { filter: JSON.stringify(filter) }),
        version: current.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function deleteSegment(db: Db, viewer: Viewer, id: string, expected: number | undefined): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { current, actor } = await lockForChange(trx, viewer, id, expected);
    await trx.deleteFrom('segments').where('id', '=', id).execute();
    await recordAudit(trx, actor, { entityType: 'segment', entityId: id, action: 'delete', before: toSegmentDto(current) });
  });
}

/**
 * Adds customers to a static segment. Each must be visible to the caller (else a 400 naming
 * `body.customerIds.<i>`, and nothing is added); members already in are left as they are.
 */
export async function addMembers(db: Db, viewer: Viewer, id: string, customerIds: string[]): Promise<{ added: number }> {
  return db.transaction().execute(async (trx) => {
    const { current, actor } = await lockForChange(trx, viewer, id, undefined);
    if (current.kind !== 'static') throw conflict('A dynamic segment’s members follow its filter: change the filter instead');
    const visible = new Set((await trx.selectFrom('customers').select('id').where('id', 'in', customerIds).where(customerScope(viewer)).execute()).map((c) => c.id));
    const missing = customerIds.findIndex((c) => !visible.has(c));
    if (missing >= 0) throw invalidField(`body.customerIds.${missing}`, 'names no customer you can see');
    const inserted = await trx
      .insertInto('segment_members')
      .values(customerIds.map((customerId) => ({ segment_id: id, customer_id: customerId })))
      .onConflict((oc) => oc.doNothing())
      .returning('customer_id')
      .execute();
    if (inserted.length) await recordAudit(trx, actor, { entityType: 'segment', entityId: id, action: 'add_members', after: { customerIds: inserted.map((r) => r.customer_id) } });
    return { added: inserted.length };
  });
}

export async function removeMember(db: Db, viewer: Viewer, id: string, customerId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { current, actor } = await lockForChange(trx, viewer, id, undefined);
    if (current.kind !== 'static') throw conflict('A dynamic segment’s members follow its filter: change the filter instead');
    const removed = await trx.deleteFrom('segment_members').where('segment_id', '=', id).where('customer_id', '=', customerId).returning('customer_id').executeTakeFirst();
    if (!removed) throw notFound('Segment member', customerId);
    await recordAudit(trx, actor, { entityType: 'segment', entityId: id, action: 'remove_member', before: { customerId } });
  });
}

export async function getSegment(db: Db, viewer: Viewer, id: string): Promise<SegmentRow> {
  const row = await findVisibleSegment(db, viewer, id);
  if (!row) throw notFound('Segment', id);
  return row;
}

/** A page of the members the viewer may see (a rep reading his manager's list sees only his own customers in it). */
export async function segmentMembers(db: Db, viewer: Viewer, id: string, page: CustomerPage) {
  const { rows, nextCursor } = await pageOfCustomers(db, viewer, membersCondition(await getSegment(db, viewer, id)), page);
  return { items: rows.map(toCustomerDto), nextCursor };
}

export async function segmentCount(db: Db, viewer: Viewer, id: string): Promise<{ count: number }> {
  return { count: await countCustomers(db, viewer, membersCondition(await getSegment(db, viewer, id))) };
}

/** What a filter would select, before saving it: the count and the first page (both within the caller's scope). */
export async function previewFilter(db: Db, viewer: Viewer, input: { filter: unknown } & CustomerPage) {
  const condition = compileFilter(checkFilter(input.filter));
  const [count, { rows, nextCursor }] = [await countCustomers(db, viewer, condition), await pageOfCustomers(db, viewer, condition, input)];
  return { count, items: rows.map(toCustomerDto), nextCursor };
}

/**
 * The frame of a segment write: locked and visible (else 404), the caller its owner, a
 * substitute of the owner or an admin (else 403: a manager may read, not edit), the version
 * read still current (else 409), and the change audited with before and after.
 */
async function writeSegment(db: Db, viewer: Viewer, id: string, expected: number, action: string, change: (trx: Db, current: SegmentRow) => Promise<SegmentRow>): Promise<SegmentDto> {
  return db.transaction().execute(async (trx) => {
    const { current, actor } = await lockForChange(trx, viewer, id, expected);
    const after = toSegmentDto(await change(trx, current));
    await recordAudit(trx, actor, { entityType: 'segment', entityId: id, action, before: toSegmentDto(current), after });
    return after;
  });
}

async function lockForChange(trx: Db, viewer: Viewer, id: string, expected: number | undefined): Promise<{ current: SegmentRow; actor: Actor }> {
  const current = await findVisibleSegment(trx, viewer, id, { forUpdate: true });
  if (!current) throw notFound('Segment', id);
  const acting = managingFor(viewer, current);
  if (!acting) throw forbidden('Only the segment’s owner (or an admin) may change it');
  if (expected !== undefined && current.version !== expected) {
    throw new AppError('SRV_ERR_CONFLICT', `Expected version ${expected}, but the segment is at version ${current.version}: reload and retry`, { currentVersion: current.version });
  }
  return { current, actor: { userId: viewer.userId, onBehalfOf: acting.onBehalfOf } };
}
