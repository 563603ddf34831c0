import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { conflict, notFound } from '../../errors.js';
import { actingFor } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';
import { recordAudit } from '../audit/audit-log.repository.js';
import { findVisibleCustomer } from '../customers/customers.repository.js';
import { invalidField } from '../shared.js';
import { seenFrom, storedForm } from './relation-sides.js';
import type { NewRelation, RelationDto } from './relation.schemas.js';
import type { RelationType } from './relation.table.js';
import { relationsOf } from './relations.repository.js';

type Db = Kysely<Database>;

export async function listRelations(db: Db, viewer: Viewer, customerId: string, types?: RelationType[]): Promise<RelationDto[]> {
  if (!(await findVisibleCustomer(db, viewer, customerId))) throw notFound('Customer', customerId);
  const all = await relationsOf(db, viewer, customerId);
  return types?.length ? all.filter((r) => types.includes(r.type)) : all;
}

/**
 * Relates two persons the viewer can both see ("relatedId is customerId's <type>"). The
 * pair is stored once (relation-sides.ts), so relating B to A after A to B is a 409, and so
 * is making two people each other's parent. Audited as a `customer_relation`.
 */
export async function addRelation(db: Db, viewer: Viewer, customerId: string, input: NewRelation): Promise<RelationDto> {
  return db.transaction().execute(async (trx) => {
    const person = await findVisibleCustomer(trx, viewer, customerId, { forUpdate: true });
    if (!person) throw notFound('Customer', customerId);
    if (person.kind !== 'person') throw invalidField('params.id', 'must name a person: relations are between people (companies have contacts)');
    if (input.relatedId === customerId) throw invalidField('body.relatedId', 'must name another person');
    const related = await findVisibleCustomer(trx, viewer, input.relatedId);
    if (!related) throw invalidField('body.relatedId', 'names no customer you can see');
    if (related.kind !== 'person') throw invalidField('body.relatedId', 'must name a person');
    const stored = storedForm(customerId, input.relatedId, input.type);
    if (stored.type === 'parent') await refuseParentLoop(trx, stored.fromId, stored.toId);
    const row = await trx
      .insertInto('customer_relations')
      .values({ from_id: stored.fromId, to_id: stored.toId, type: stored.type, note: input.note ?? null, created_by: viewer.userId })
      .onConflict((oc) => oc.constraint('customer_relations_pair_key').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw conflict(`'${related.name}' is already recorded as ${input.type} of '${person.name}'`);
    const acting = (await actingFor(trx, viewer, customerId))!;
    const after = { fromId: row.from_id, toId: row.to_id, type: row.type, note: row.note };
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: acting.onBehalfOf }, { entityType: 'customer_relation', entityId: row.id, action: 'create', after });
    return { id: row.id, ...seenFrom(customerId, row), relatedName: related.name, note: row.note, createdAt: row.created_at.toISOString() };
  });
}

/** Removes a relation of `customerId`; one whose other end the viewer cannot see answers 404, as in the list. */
export async function removeRelation(db: Db, viewer: Viewer, customerId: string, relationId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await findVisibleCustomer(trx, viewer, customerId, { forUpdate: true }))) throw notFound('Customer', customerId);
    const row = await trx
      .selectFrom('customer_relations')
      .selectAll()
      .where('id', '=', relationId)
      .where((eb) => eb.or([eb('from_id', '=', customerId), eb('to_id', '=', customerId)]))
      .executeTakeFirst();
    if (!row || !(await findVisibleCustomer(trx, viewer, seenFrom(customerId, row).relatedId))) throw notFound('Relation', relationId);
    await trx.deleteFrom('customer_relations').where('id', '=', relationId).execute();
    const acting = (await actingFor(trx, viewer, customerId))!;
    const before = { fromId: row.from_id, toId: row.to_id, type: row.type, note: row.note };
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: acting.onBehalfOf }, { entityType: 'customer_relation', entityId: row.id, action: 'delete', before });
  });
}

/** A parent cannot also be the child of the same person. */
async function refuseParentLoop(db: Db, parentId: string, childId: string): Promise<void> {
  const reverse = await db
    .selectFrom('customer_relations')
    .select('id')
    .where('from_id', '=', childId)
    .where('to_id', '=', parentId)
    .where('type', '=', 'parent')
    .executeTakeFirst();
  if (reverse) throw conflict('The two are recorded the other way round (parent and child): remove that relation first');
}
