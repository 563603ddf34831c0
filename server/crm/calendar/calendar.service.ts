import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { Viewer } from '../access/viewer.js';
import { invalidField } from '../shared.js';
import { resolveCalendarTarget } from './calendar-access.js';
import { busyIntervals, calendarPage, toCalendarEntry, type Window } from './calendar.repository.js';
import { MAX_FREE_SLOT_DAYS, MAX_WINDOW_DAYS, type CalendarQuery, type FreeSlotsQuery } from './calendar.schemas.js';
import { freeSlots, parseDuration } from './free-slots.js';
import { checkTimeZone, parseWorkHours, workingIntervals } from './work-hours.js';

type Db = Kysely<Database>;
const DAY_MS = 86_400_000;

/** `[from, to)` from the query, non-empty and at most `maxDays` long (else a 400 naming `to`). */
export function windowOf(from: string, to: string, maxDays: number): Window {
  const window = { from: new Date(from), to: new Date(to) };
  if (!(window.to > window.from)) throw invalidField('querystring.to', 'must be after from');
  if (window.to.getTime() - window.from.getTime() > maxDays * DAY_MS) throw invalidField('querystring.to', `must be at most ${maxDays} days after from`);
  return window;
}

/** One page of the calendar asked for, entries the viewer may not see masked as busy time. */
export async function calendar(db: Db, viewer: Viewer, q: CalendarQuery) {
  const window = windowOf(q.from, q.to, MAX_WINDOW_DAYS);
  const target = await resolveCalendarTarget(db, viewer, q);
  const { rows, nextCursor } = await calendarPage(db, viewer, target, window, q);
  return { items: rows.map(toCalendarEntry), nextCursor };
}

/**
 * The times in the window when every person and resource asked is free for `duration`
 * within working hours (ACT-9). Free/busy discloses nothing about the activities (like
 * Outlook's scheduling assistant), so any signed-in user may ask about any colleague.
 */
export async function findFreeSlots(db: Db, viewer: Viewer, q: FreeSlotsQuery) {
  const window = windowOf(q.from, q.to, MAX_FREE_SLOT_DAYS);
  const durationMs = parseDuration(q.duration);
  if (!durationMs || durationMs > DAY_MS) throw invalidField('querystring.duration', 'must be an ISO 8601 duration between PT1M and PT24H, e.g. PT1H30M');
  const hours = { ...parseWorkHours(q.workHours, 'querystring.workHours'), timeZone: checkTimeZone(q.timeZone, 'querystring.timeZone'), weekdays: new Set(q.weekdays) };
  const userIds = q.userIds?.length ? q.userIds : [viewer.userId];
  const resourceIds = q.resourceIds ?? [];
  await assertAllExist(db, 'users', userIds, 'querystring.userIds');
  await assertAllExist(db, 'resources', resourceIds, 'querystring.resourceIds');
  const working = workingIntervals(hours, window.from.getTime(), window.to.getTime());
  const busy = await busyIntervals(db, userIds, resourceIds, window);
  return { items: freeSlots(working, busy, durationMs, q.limit).map((s) => ({ startsAt: new Date(s.start).toISOString(), endsAt: new Date(s.end).toISOString() })) };
}

async function assertAllExist(db: Db, table: 'users' | 'resources', ids: readonly string[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set((await db.selectFrom(table).select('id').where('id', 'in', [...ids]).execute()).map((r) => r.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw invalidField(field, `names no ${table === 'users' ? 'user' : 'resource'} ('${missing}')`);
}
