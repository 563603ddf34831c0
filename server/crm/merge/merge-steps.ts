import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { storedForm } from '../relations/relation-sides.js';

type Db = Kysely<Database>;

/** The two customers of a merge: everything of `duplicateId` moves to `survivorId`. */
export interface MergePair {
  readonly survivorId: string;
  readonly duplicateId: string;
}

/**
 * One kind of row that belongs to a customer and must follow it into the survivor. Runs in
 * the merge's transaction, before the duplicate is deleted; returns how many rows moved.
 *
 * THE place to register more: an area whose rows reference customers (complaints, …)
 * adds a step here — otherwise its foreign key refuses the delete and the
 * merge answers 409 with nothing changed.
 */
export interface MergeStep {
  readonly name: string;
  run(trx: Db, pair: MergePair): Promise<number>;
}

export const MERGE_STEPS: readonly MergeStep[] = [
  { name: 'contacts', run: moveContacts },
  { name: 'relations', run: moveRelations },
  { name: 'deals', run: moveDeals },
  { name: 'segments', run: moveSegmentMemberships },
  { name: 'folders', run: moveFolderMemberships },
  { name: 'earlierMerges', run: repointEarlierMerges },
  { name: 'activities', run: moveActivities },
  { name: 'activityParticipants', run: moveActivityParticipants },
  { name: 'convertedLeads', run: repointConvertedLeads },
];

/** Activities about the duplicate are about the survivor now. */
async function moveActivities(trx: Db, { survivorId, duplicateId }: MergePair): Promise<number> {
  const moved = await trx.updateTable('activities').set({ customer_id: survivorId }).where('customer_id', '=', duplicateId).executeTakeFirst();
  return Number(moved.numUpdatedRows);
}

/** The duplicate (a person) attended meetings: the survivor did; a meeting both attended keeps one participant row. */
async function moveActivityParticipants(trx: Db, { survivorId, duplicateId }: MergePair): Promise<number> {
  await trx
    .deleteFrom('activity_participants')
    .where('contact_id', '=', duplicateId)
    .where('activity_id', 'in', (eb) => eb.selectFrom('activity_participants').select('activity_id').where('contact_id', '=', survivorId))
    .execute();
  const moved = await trx.updateTable('activity_participants').set({ contact_id: survivorId }).where('contact_id', '=', duplicateId).executeTakeFirst();
  return Number(moved.numUpdatedRows);
}

/** A lead converted into the duplicate points at the survivor (its link would otherwise be lost with the duplicate). */
async function repointConvertedLeads(trx: Db, { survivorId, duplicateId }: MergePair): Promise<number> {
  const moved = await trx.updateTable('leads').set({ converted_customer_id: survivorId }).where('converted_customer_id', '=', duplicateId).executeTakeFirst();
  return Number(moved.numUpdatedRows);
}

/** Contact links on either side (company or person); a link the survivor already has keeps the survivor's function. */
async function moveContacts(trx: Db, { survivorId, duplicateId }: MergePair): Promise<number> {
  let moved = 0;
  for (const [side, other] of [['company_id', 'person_id'], ['person_id', 'company_id']] as const) {
    const links = await trx.deleteFrom('customer_contacts').where(side, '=', duplicateId).returning([other, 'function']).execute();
    if (!links.length) continue;
    const inserted = await trx
      .insertInto('customer_contacts')
      .values(links.map((l) => ({ [side]: survivorId, [other]: l[other], function: l.function }) as { company_id: string; person_id: string; function: string | null }))
      .onConflict((oc) => oc.columns(['company_id', 'person_id']).doNothing())
      .returning('company_id')
      .execute();
    moved += inserted.length;
  }
  return moved;
}

/** Relations are re-stored in canonical form; one between the two merged people, or one the survivor has already, disappears. */
async function moveRelations(trx: Db, { survivorId, duplicateId }: MergePair): Promise<number> {
  const rows = await trx
    .deleteFrom('customer_relations')
    .where((eb) => eb.or([eb('from_id', '=', duplicateId), eb('to_id', '=', duplicateId)]))
    .returningAll()
    .execute();
  const values = rows.flatMap((row) => {
    const fromId = row.from_id === duplicateId ? survivorId : row.from_id;
    const toId = row.to_id === duplicateId ? survivorId : row.to_id;
    if (fromId === toId) return [];
    // A parent row keeps its direction; a symmetric one is re-ordered (smaller id first).
    const stored = row.type === 'parent' ? { fromId, toId, type: row.type } : storedForm(fromId, toId, row.type);
    return [{ from_id: stored.fromId, to_id: stored.toId, type: stored.type, note: row.note, created_by: row.created_by }];
  });
  if (!values.length) return 0;
  const inserted = await trx.insertInto('customer_relations').values(values).onConflict((oc) => oc.constraint('customer_relations_pair_key').doNothing()).returning('id').execute();
  return inserted.length;
}

/** Deals change customer: a new version each, so a client holding an old ETag reloads. */
async function moveDeals(trx: Db, { survivorId, duplicateId }: MergePair): Promise<number> {
  const moved = await trx
    .updateTable('deals')
    .set({ customer_id: survivorId, version: sql`version + 1`, updated_at: new Date() })
    .where('customer_id', '=', duplicateId)
    .returning('id')
    .execute();
  return moved.length;
}

async function moveSegmentMemberships(trx: Db, { survivorId, duplicateId }: MergePair): Promise<number> {
  const rows = await trx.deleteFrom('segment_members').where('customer_id', '=', duplicateId).returning('segment_id').execute();
  if (!rows.length) return 0;
  const inserted = await trx
    .insertInto('segment_members')
    .values(rows.map((r) => ({ segment_id: r.segment_id, customer_id: survivorId })))
    .onConflict((oc) => oc.doNothing())
    .returning('segment_id')
    .execute();
  return inserted.length;
}

async function moveFolderMemberships(trx: Db, { survivorId, duplicateId }: MergePair): Promise<number> {
  const rows = await trx.deleteFrom('customer_folder_members').where('customer_id', '=', duplicateId).returning('folder_id').execute();
  if (!rows.length) return 0;
  const inserted = await trx
    .insertInto('customer_folder_members')
    .values(rows.map((r) => ({ folder_id: r.folder_id, customer_id: survivorId })))
    .onConflict((oc) => oc.doNothing())
    .returning('folder_id')
    .execute();
  return inserted.length;
}

/** Customers merged into the duplicate earlier now point at the survivor (no chains to follow). */
async function repointEarlierMerges(trx: Db, { survivorId, duplicateId }: MergePair): Promise<number> {
  const rows = await trx.updateTable('customer_merges').set({ survivor_id: survivorId }).where('survivor_id', '=', duplicateId).returning('merged_id').execute();
  return rows.length;
}
