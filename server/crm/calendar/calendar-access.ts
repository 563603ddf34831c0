import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { forbidden, notFound } from '../../errors.js';
import { isManagerOf } from '../access/managers.js';
import type { Viewer } from '../access/viewer.js';
import { invalidField } from '../shared.js';

/** Whose calendar a request shows: some users, everyone in a unit subtree, or a resource. */
export type CalendarTarget = { kind: 'users'; userIds: string[] } | { kind: 'unit'; unitPath: string } | { kind: 'resource'; resourceId: string };

/**
 * Who may look at which calendar (ACT-8): your own; that of someone you stand in for; one of
 * your people's (you head a unit above theirs, access/managers.ts); a whole unit when you head
 * it or a unit above it; any resource's. Admins may look at all. Others get 403; a user, unit
 * or resource that does not exist, 404.
 */
export async function resolveCalendarTarget(db: Kysely<Database>, viewer: Viewer, q: { userId?: string; unitId?: string; resourceId?: string }): Promise<CalendarTarget> {
  const asked = [q.userId, q.unitId, q.resourceId].filter((x) => x !== undefined);
  if (asked.length > 1) throw invalidField('querystring.userId', 'cannot be combined with unitId or resourceId: ask for one calendar');
  if (q.resourceId) {
    if (!(await db.selectFrom('resources').select('id').where('id', '=', q.resourceId).executeTakeFirst())) throw notFound('Resource', q.resourceId);
    return { kind: 'resource', resourceId: q.resourceId };
  }
  if (q.unitId) {
    const unit = await db.selectFrom('org_units').select(['id', 'path']).where('id', '=', q.unitId).executeTakeFirst();
    if (!unit) throw notFound('Org unit', q.unitId);
    if (!viewer.isAdmin && !(await headsUnitAbove(db, viewer.actorIds, unit.path))) throw forbidden('Only the heads of this unit or of a unit above it may see its calendar');
    return { kind: 'unit', unitPath: unit.path };
  }
  const userId = q.userId ?? viewer.userId;
  if (viewer.isAdmin || viewer.actorIds.includes(userId)) return { kind: 'users', userIds: [userId] };
  if (!(await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst())) throw notFound('User', userId);
  for (const actor of viewer.actorIds) if (await isManagerOf(db, actor, userId)) return { kind: 'users', userIds: [userId] };
  throw forbidden('You may see your own calendar, those of users you stand in for, and your people’s');
}

async function headsUnitAbove(db: Kysely<Database>, actors: readonly string[], unitPath: string): Promise<boolean> {
  const hit = await db
    .selectFrom('user_positions as up')
    .innerJoin('positions as p', 'p.id', 'up.position_id')
    .innerJoin('org_units as u', 'u.id', 'p.unit_id')
    .select(sql<number>`1`.as('one'))
    .where('up.user_id', 'in', [...actors])
    .where('p.is_head', '=', true)
    .where(sql<string>`${unitPath}`, 'like', sql<string>`u.path || '%'`)
    .executeTakeFirst();
  return hit !== undefined;
}
