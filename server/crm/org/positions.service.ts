import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { notFound } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit-log.repository.js';
import { findOrgUnit } from './org-units.repository.js';
import type { PositionInput } from './org.schemas.js';
import { findPosition, type PositionDto } from './positions.repository.js';

export async function createPosition(db: Kysely<Database>, actor: Actor, input: PositionInput): Promise<PositionDto> {
  return db.transaction().execute(async (trx) => {
    if (!(await findOrgUnit(trx, input.unitId))) throw notFound('Org unit', input.unitId);
    const { id } = await trx
      .insertInto('positions')
      .values({ unit_id: input.unitId, title: input.title, is_head: input.isHead })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = (await findPosition(trx, id))!;
    await recordAudit(trx, actor, { entityType: 'position', entityId: id, action: 'create', after });
    return after;
  });
}

/** Seats `userId` in the position (idempotent: holding it already changes nothing). */
export async function addHolder(db: Kysely<Database>, actor: Actor, positionId: string, userId: string): Promise<PositionDto> {
  return changeHolders(db, actor, positionId, userId, 'add_holder', async (trx) => {
    await trx.insertInto('user_positions').values({ user_id: userId, position_id: positionId }).onConflict((oc) => oc.doNothing()).execute();
  });
}

export async function removeHolder(db: Kysely<Database>, actor: Actor, positionId: string, userId: string): Promise<PositionDto> {
  return changeHolders(db, actor, positionId, userId, 'remove_holder', async (trx) => {
    await trx.deleteFrom('user_positions').where('user_id', '=', userId).where('position_id', '=', positionId).execute();
  });
}

async function changeHolders(
  db: Kysely<Database>,
  actor: Actor,
  positionId: string,
  userId: string,
  action: string,
  change: (trx: Kysely<Database>) => Promise<void>,
): Promise<PositionDto> {
  return db.transaction().execute(async (trx) => {
    const before = await findPosition(trx, positionId);
    if (!before) throw notFound('Position', positionId);
    if (!(await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst())) throw notFound('User', userId);
    await change(trx);
    const after = (await findPosition(trx, positionId))!;
    await recordAudit(trx, actor, { entityType: 'position', entityId: positionId, action, before, after });
    return after;
  });
}

/** Removes a position and unseats its holders (their other positions stay). */
export async function deletePosition(db: Kysely<Database>, actor: Actor, positionId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findPosition(trx, positionId);
    if (!before) throw notFound('Position', positionId);
    await trx.deleteFrom('positions').where('id', '=', positionId).execute();
    await recordAudit(trx, actor, { entityType: 'position', entityId: positionId, action: 'delete', before });
  });
}
