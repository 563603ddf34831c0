import type { Kysely } from 'kysely';
import type { Principal } from '../../auth/sessions.repository.js';
import type { Database } from '../../db/tables/index.js';
import { conflict, forbidden, notFound } from '../../errors.js';
import { isManagerOf } from '../access/managers.js';
import { recordAudit } from '../audit/audit-log.repository.js';
import type { SubstitutionRow } from '../org/org.tables.js';
import { invalidField } from '../shared.js';
import type { SubstitutionInput } from './substitution.schemas.js';

/**
 * Names B as A's substitute for [from, to). A, A's manager or an admin may; a range that
 * overlaps another substitution of A is a 409 (A cannot be away twice with two deputies).
 * A's user row is locked first, so two overlapping requests cannot both pass the check.
 */
export async function createSubstitution(db: Kysely<Database>, principal: Principal, input: SubstitutionInput) {
  const from = new Date(input.from);
  const to = new Date(input.to);
  if (to <= from) throw invalidField('body.to', 'must be after from');
  if (input.absentUserId === input.substituteId) throw invalidField('body.substituteId', 'must differ from absentUserId');
  await assertMayManage(db, principal, input.absentUserId);

  return db.transaction().execute(async (trx) => {
    const absent = await trx.selectFrom('users').select('id').where('id', '=', input.absentUserId).forUpdate().executeTakeFirst();
    if (!absent) throw notFound('User', input.absentUserId);
    if (!(await trx.selectFrom('users').select('id').where('id', '=', input.substituteId).executeTakeFirst())) throw notFound('User', input.substituteId);
    const overlapping = await trx
      .selectFrom('substitutions')
      .select('id')
      .where('absent_user_id', '=', input.absentUserId)
      .where('starts_at', '<', to)
      .where('ends_at', '>', from)
      .executeTakeFirst();
    if (overlapping) throw conflict(`Expected no other substitution of '${input.absentUserId}' in that range, but '${overlapping.id}' overlaps it`);
    const row = await trx
      .insertInto('substitutions')
      .values({ absent_user_id: input.absentUserId, substitute_id: input.substituteId, starts_at: from, ends_at: to, created_by: principal.userId })
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toSubstitutionDto(row);
    await recordAudit(trx, { userId: principal.userId, onBehalfOf: null }, { entityType: 'substitution', entityId: row.id, action: 'create', after });
    return after;
  });
}

/** Ends a substitution early or withdraws a planned one (same people as may create it). */
export async function deleteSubstitution(db: Kysely<Database>, principal: Principal, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('substitutions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound('Substitution', id);
    await assertMayManage(trx, principal, row.absent_user_id);
    await trx.deleteFrom('substitutions').where('id', '=', id).execute();
    await recordAudit(trx, { userId: principal.userId, onBehalfOf: null }, { entityType: 'substitution', entityId: id, action: 'delete', before: toSubstitutionDto(row) });
  });
}

/** Admins see all; everyone else the substitutions they are part of or made. */
export async function listSubstitutions(db: Kysely<Database>, principal: Principal, filter: { userId?: string | undefined; activeAt?: string | undefined }) {
  let query = db.selectFrom('substitutions').selectAll().orderBy('starts_at').orderBy('id');
  if (!principal.roles.includes('admin')) {
    const me = principal.userId;
    query = query.where((eb) => eb.or([eb('absent_user_id', '=', me), eb('substitute_id', '=', me), eb('created_by', '=', me)]));
  }
  if (filter.userId) {
    const userId = filter.userId;
    query = query.where((eb) => eb.or([eb('absent_user_id', '=', userId), eb('substitute_id', '=', userId)]));
  }
  if (filter.activeAt) query = query.where('starts_at', '<=', new Date(filter.activeAt)).where('ends_at', '>', new Date(filter.activeAt));
  return (await query.execute()).map(toSubstitutionDto);
}

async function assertMayManage(db: Kysely<Database>, principal: Principal, absentUserId: string): Promise<void> {
  if (principal.roles.includes('admin') || principal.userId === absentUserId) return;
  if (await isManagerOf(db, principal.userId, absentUserId)) return;
  throw forbidden(`Only the absent user, their manager or an admin may arrange substitutes for '${absentUserId}'`);
}

function toSubstitutionDto(row: SubstitutionRow) {
  return {
    id: row.id,
    absentUserId: row.absent_user_id,
    substituteId: row.substitute_id,
    from: row.starts_at.toISOString(),
    to: row.ends_at.toISOString(),
    createdBy: row.created_by,
  };
}
