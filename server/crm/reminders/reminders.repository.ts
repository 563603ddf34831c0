import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { decodeTimeCursor, encodeTimeCursor } from '../activities/activity-cursor.js';
import type { ActivityRow } from '../activities/activity.tables.js';

type Db = Kysely<Database>;
const MINUTE_MS = 60_000;

/**
 * Makes an activity's reminder rows match it: one per (user, minutes before) for the owner
 * and every user participant, due `minutes` before the start or deadline. A reminder whose
 * time moved is due again (sent/dismissed cleared); one whose time stayed keeps its state,
 * so editing the subject does not ring the bell twice. Call it in the write's transaction.
 */
export async function syncReminders(db: Db, activity: ActivityRow, userIds: readonly string[]): Promise<void> {
  const users = [...new Set([activity.owner_id, ...userIds])];
  const wanted = users.flatMap((userId) => activity.reminder_minutes.map((minutes) => ({ userId, minutes })));
  let stale = db.deleteFrom('activity_reminders').where('activity_id', '=', activity.id);
  if (wanted.length) {
    stale = stale.where((eb) => eb.not(eb.or(wanted.map((w) => eb.and([eb('user_id', '=', w.userId), eb('minutes_before', '=', w.minutes)])))));
  }
  await stale.execute();
  if (wanted.length === 0) return;
  await db
    .insertInto('activity_reminders')
    .values(wanted.map((w) => ({ activity_id: activity.id, user_id: w.userId, minutes_before: w.minutes, remind_at: new Date(activity.span_start.getTime() - w.minutes * MINUTE_MS) })))
    .onConflict((oc) =>
      oc.columns(['activity_id', 'user_id', 'minutes_before']).doUpdateSet({
        remind_at: (eb) => eb.ref('excluded.remind_at'),
        sent_at: sql`case when activity_reminders.remind_at = excluded.remind_at then activity_reminders.sent_at end`,
        dismissed_at: sql`case when activity_reminders.remind_at = excluded.remind_at then activity_reminders.dismissed_at end`,
      }),
    )
    .execute();
}

const REMINDER_COLUMNS = [
  'r.id',
  'r.activity_id',
  'r.user_id',
  'r.minutes_before',
  'r.remind_at',
  'r.sent_at',
  'r.dismissed_at',
  'a.subject',
  'a.kind',
  'a.span_start',
] as const;

/**
 * A user's reminders of planned activities that they have not dismissed, in due order with
 * keyset pages; `due` keeps only those whose time has come (fired or about to be).
 */
export async function listMyReminders(db: Db, userId: string, q: { due?: boolean; limit: number; after?: string }) {
  let query = db
    .selectFrom('activity_reminders as r')
    .innerJoin('activities as a', 'a.id', 'r.activity_id')
    .select(REMINDER_COLUMNS)
    .where('r.user_id', '=', userId)
    .where('r.dismissed_at', 'is', null)
    .where('a.status', '=', 'planned')
    .orderBy('r.remind_at')
    .orderBy('r.id')
    .limit(q.limit + 1);
  if (q.due !== undefined) query = query.where('r.remind_at', q.due ? '<=' : '>', sql<Date>`now()`);
  if (q.after) {
    const cursor = decodeTimeCursor(q.after, 'remindAt');
    query = query.where(sql<SqlBool>`(r.remind_at, r.id) > (${cursor.key}::timestamptz, ${cursor.id}::uuid)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > q.limit && last ? encodeTimeCursor('remindAt', last.remind_at, last.id) : null };
}

export async function findMyReminder(db: Db, userId: string, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('activity_reminders as r').innerJoin('activities as a', 'a.id', 'r.activity_id').select(REMINDER_COLUMNS).where('r.id', '=', id).where('r.user_id', '=', userId);
  if (options.forUpdate) query = query.forUpdate(['r']);
  return query.executeTakeFirst();
}

export type MyReminderRow = NonNullable<Awaited<ReturnType<typeof findMyReminder>>>;

export function toReminderDto(row: MyReminderRow) {
  return {
    id: row.id,
    activityId: row.activity_id,
    subject: row.subject,
    kind: row.kind,
    startsAt: row.span_start.toISOString(),
    minutesBefore: row.minutes_before,
    remindAt: row.remind_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    dismissedAt: row.dismissed_at?.toISOString() ?? null,
  };
}
