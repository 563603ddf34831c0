import { type Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError } from '../../errors.js';
import type { Viewer } from '../access/viewer.js';
import { invalidField } from '../shared.js';
import { activityScope } from './activity-scope.js';

type Db = Kysely<Database>;

/** The time an activity holds its people and resources; `null` when it holds none. */
export interface Booking {
  readonly startsAt: Date;
  readonly endsAt: Date;
}

export interface PersonBusy {
  code: 'PERSON_BUSY';
  userId: string;
  activityId: string;
  startsAt: string;
  endsAt: string;
}

/**
 * Locks the resources an activity books, in id order (two writers booking the same rooms
 * queue instead of deadlocking), so the conflict check below and the write that follows
 * see no competing booking appear in between. New bookings need existing, active resources.
 */
export async function lockResources(db: Db, resourceIds: readonly string[], alreadyBooked: readonly string[]): Promise<void> {
  if (resourceIds.length === 0) return;
  const rows = await db.selectFrom('resources').select(['id', 'name', 'active']).where('id', 'in', [...resourceIds]).orderBy('id').forUpdate().execute();
  const found = new Map(rows.map((r) => [r.id, r]));
  for (const id of resourceIds) {
    const resource = found.get(id);
    if (!resource) throw invalidField('body.participants.resourceIds', `names no resource ('${id}')`);
    if (!resource.active && !alreadyBooked.includes(id)) throw invalidField('body.participants.resourceIds', `names an inactive resource ('${resource.name}')`);
  }
}

/**
 * Refuses (409, SRV_ERR_RESOURCE_BOOKED) a booking that overlaps another, not cancelled,
 * activity holding one of the resources. The reply names each conflict; its subject only
 * when the caller may see that activity.
 */
export async function assertResourcesFree(db: Db, viewer: Viewer, resourceIds: readonly string[], booking: Booking | null, excludeId: string | null): Promise<void> {
  if (booking === null || resourceIds.length === 0) return;
  let query = db
    .selectFrom('activity_participants as ap')
    .innerJoin('activities', 'activities.id', 'ap.activity_id')
    .innerJoin('resources as r', 'r.id', 'ap.resource_id')
    .select(['ap.resource_id', 'r.name as resource_name', 'activities.id', 'activities.subject', 'activities.span_start', 'activities.span_end'])
    .select((eb) => eb.and([activityScope(viewer)(eb)]).as('visible'))
    .where('ap.resource_id', 'in', [...resourceIds])
    .where('activities.status', '<>', 'cancelled')
    .where('activities.starts_at', 'is not', null)
    .where('activities.span_start', '<', booking.endsAt)
    .where('activities.span_end', '>', booking.startsAt)
    .orderBy('activities.span_start');
  if (excludeId) query = query.where('activities.id', '<>', excludeId);
  const clashes = await query.execute();
  if (clashes.length === 0) return;
  const first = clashes[0]!;
  throw new AppError('SRV_ERR_RESOURCE_BOOKED', `Resource '${first.resource_name}' is booked from ${first.span_start.toISOString()} to ${first.span_end.toISOString()}`, {
    conflicts: clashes.map((c) => ({
      resourceId: c.resource_id,
      activityId: c.id,
      subject: c.visible ? c.subject : null,
      startsAt: c.span_start.toISOString(),
      endsAt: c.span_end.toISOString(),
    })),
  });
}

/** People may be double-booked; the write's reply warns about each overlap (without details). */
export async function personWarnings(db: Db, userIds: readonly string[], booking: Booking | null, excludeId: string | null): Promise<PersonBusy[]> {
  if (booking === null || userIds.length === 0) return [];
  const users = [...new Set(userIds)];
  let query = db
    .selectFrom('activities')
    .leftJoin('activity_participants as ap', (join) => join.onRef('ap.activity_id', '=', 'activities.id').on('ap.user_id', 'is not', null))
    .select(['activities.id', 'activities.owner_id', 'ap.user_id', 'activities.span_start', 'activities.span_end'])
    .where((eb) => eb.or([eb('activities.owner_id', 'in', users), eb('ap.user_id', 'in', users)]))
    .where('activities.status', '<>', 'cancelled')
    .where('activities.starts_at', 'is not', null)
    .where('activities.span_start', '<', booking.endsAt)
    .where('activities.span_end', '>', booking.startsAt)
    .orderBy('activities.span_start');
  if (excludeId) query = query.where('activities.id', '<>', excludeId);
  const seen = new Set<string>();
  const warnings: PersonBusy[] = [];
  for (const row of await query.execute()) {
    for (const userId of [row.owner_id, row.user_id]) {
      if (!userId || !users.includes(userId) || seen.has(`${userId}/${row.id}`)) continue;
      seen.add(`${userId}/${row.id}`);
      warnings.push({ code: 'PERSON_BUSY', userId, activityId: row.id, startsAt: row.span_start.toISOString(), endsAt: row.span_end.toISOString() });
    }
  }
  return warnings;
}
