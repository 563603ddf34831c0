import { sql, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { Viewer } from '../access/viewer.js';
import { decodeTimeCursor, encodeTimeCursor } from '../activities/activity-cursor.js';
import { activityScope } from '../activities/activity-scope.js';
import { MAX_SPAN_DAYS } from '../activities/activity.schemas.js';
import type { ActivityRow } from '../activities/activity.tables.js';
import type { CalendarTarget } from './calendar-access.js';

type Db = Kysely<Database>;
type Eb = ExpressionBuilder<Database, 'activities'>;
export interface Window {
  readonly from: Date;
  readonly to: Date;
}

/**
 * Activities overlapping `[from, to)` — a deadline inside it counts. Activities last at most
 * MAX_SPAN_DAYS, so `span_start` is bounded on both sides: one range of the span index.
 */
export function overlaps(window: Window) {
  const earliest = new Date(window.from.getTime() - MAX_SPAN_DAYS * 86_400_000);
  return (eb: Eb) =>
    eb.and([
      eb('activities.span_start', '<', window.to),
      eb('activities.span_start', '>=', earliest),
      eb.or([eb('activities.span_end', '>', window.from), eb('activities.span_start', '>=', window.from)]),
    ]);
}

/** The activities on a calendar: owned or attended by its users, or booking its resource. */
export function onCalendar(target: CalendarTarget) {
  return (eb: Eb) => {
    const participant = eb.selectFrom('activity_participants as ap').select('ap.id').whereRef('ap.activity_id', '=', 'activities.id');
    if (target.kind === 'resource') return eb.exists(participant.where('ap.resource_id', '=', target.resourceId));
    const users =
      target.kind === 'users'
        ? target.userIds
        : eb
            .selectFrom('user_positions as up')
            .innerJoin('positions as p', 'p.id', 'up.position_id')
            .innerJoin('org_units as u', 'u.id', 'p.unit_id')
            .select('up.user_id')
            .where('u.path', 'like', `${target.unitPath}%`);
    return eb.or([eb('activities.owner_id', 'in', users), eb.exists(participant.where('ap.user_id', 'in', users))]);
  };
}

/**
 * One page of a calendar in time order (keyset on start, id). Each row says whether the
 * viewer may see the activity; the caller masks those they may not (a manager sees that a
 * subordinate is busy in someone else's meeting, not what it is about).
 */
export async function calendarPage(db: Db, viewer: Viewer, target: CalendarTarget, window: Window, q: { includeCancelled: boolean; limit: number; after?: string | undefined }) {
  let query = db
    .selectFrom('activities')
    .selectAll()
    .select((eb) => eb.and([activityScope(viewer)(eb)]).as('visible'))
    .where(onCalendar(target))
    .where(overlaps(window))
    .orderBy('activities.span_start')
    .orderBy('activities.id')
    .limit(q.limit + 1);
  if (!q.includeCancelled) query = query.where('activities.status', '<>', 'cancelled');
  if (q.after) {
    const cursor = decodeTimeCursor(q.after, 'calendar');
    query = query.where(sql<SqlBool>`(activities.span_start, activities.id) > (${cursor.key}::timestamptz, ${cursor.id}::uuid)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > q.limit && last ? encodeTimeCursor('calendar', last.span_start, last.id) : null };
}

export function toCalendarEntry(row: ActivityRow & { visible: SqlBool }) {
  const visible = Boolean(row.visible);
  return {
    activityId: row.id,
    kind: row.kind,
    subject: visible ? row.subject : 'Busy',
    startsAt: row.span_start.toISOString(),
    endsAt: row.span_end.toISOString(),
    dueAt: row.due_at?.toISOString() ?? null,
    allDay: row.all_day,
    status: row.status,
    location: visible ? row.location : null,
    ownerId: row.owner_id,
    private: !visible,
  };
}

/** Busy time of people and resources in a window: timed, not cancelled activities only (a deadline blocks nothing). */
export async function busyIntervals(db: Db, userIds: readonly string[], resourceIds: readonly string[], window: Window): Promise<Array<{ start: number; end: number }>> {
  const targets = [
    ...(userIds.length ? [{ kind: 'users' as const, userIds: [...userIds] }] : []),
    ...resourceIds.map((resourceId) => ({ kind: 'resource' as const, resourceId })),
  ];
  if (targets.length === 0) return [];
  const rows = await db
    .selectFrom('activities')
    .select(['activities.span_start', 'activities.span_end'])
    .where((eb) => eb.or(targets.map((t) => onCalendar(t)(eb))))
    .where(overlaps(window))
    .where('activities.status', '<>', 'cancelled')
    .where('activities.starts_at', 'is not', null)
    .execute();
  return rows.map((r) => ({ start: r.span_start.getTime(), end: r.span_end.getTime() }));
}
