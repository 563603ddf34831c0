import { sql, type Insertable, type Kysely, type SqlBool, type Updateable } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { Viewer } from '../access/viewer.js';
import { decodeTimeCursor, encodeTimeCursor } from './activity-cursor.js';
import { activityScope } from './activity-scope.js';
import type { ListActivitiesQuery } from './activity.schemas.js';
import type { ActivityRow, ActivityTable } from './activity.tables.js';
import { participantsOf, type Participants } from './participants.repository.js';

type Db = Kysely<Database>;

/** One activity if the viewer may see it (the same scope as the list), locked when asked. */
export async function findVisibleActivity(db: Db, viewer: Viewer, id: string, options: { forUpdate?: boolean } = {}): Promise<ActivityRow | undefined> {
  let query = db.selectFrom('activities').selectAll().where('activities.id', '=', id).where(activityScope(viewer));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function insertActivity(db: Db, values: Insertable<ActivityTable>): Promise<ActivityRow> {
  return db.insertInto('activities').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateActivityRow(db: Db, id: string, set: Updateable<ActivityTable>): Promise<ActivityRow> {
  return db.updateTable('activities').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * The viewer's activities, filtered, sorted and keyset-paginated: the page after the cursor
 * is `(sort key, id) > (cursor key, cursor id)` — one index range, stable under inserts.
 * The window filter (`from`/`to`) keeps what overlaps it.
 */
export async function listVisibleActivities(db: Db, viewer: Viewer, q: ListActivitiesQuery): Promise<{ rows: ActivityRow[]; nextCursor: string | null }> {
  const descending = q.sort.startsWith('-');
  const direction = descending ? 'desc' : 'asc';
  const column = q.sort.endsWith('createdAt') ? 'activities.created_at' : 'activities.span_start';
  let query = db
    .selectFrom('activities')
    .selectAll()
    .where(activityScope(viewer))
    .orderBy(column, direction)
    .orderBy('activities.id', direction)
    .limit(q.limit + 1);
  if (q.kind?.length) query = query.where('activities.kind', 'in', q.kind);
  if (q.status?.length) query = query.where('activities.status', 'in', q.status);
  if (q.ownerId) query = query.where('activities.owner_id', '=', q.ownerId);
  if (q.customerId) query = query.where('activities.customer_id', '=', q.customerId);
  if (q.dealId) query = query.where('activities.deal_id', '=', q.dealId);
  if (q.participantUserId) {
    const user = q.participantUserId;
    query = query.where((eb) =>
      eb.or([
        eb('activities.owner_id', '=', user),
        eb.exists(eb.selectFrom('activity_participants as ap').select('ap.id').whereRef('ap.activity_id', '=', 'activities.id').where('ap.user_id', '=', user)),
      ]),
    );
  }
  if (q.resourceId) {
    const resource = q.resourceId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('activity_participants as ap').select('ap.id').whereRef('ap.activity_id', '=', 'activities.id').where('ap.resource_id', '=', resource)),
    );
  }
  if (q.from) query = query.where('activities.span_end', '>=', new Date(q.from));
  if (q.to) query = query.where('activities.span_start', '<', new Date(q.to));
  if (q.q) query = query.where(sql<SqlBool>`lower(activities.subject) like ${`${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (q.after) {
    const cursor = decodeTimeCursor(q.after, q.sort);
    query = query.where(sql<SqlBool>`(${sql.ref(column)}, activities.id) ${sql.raw(descending ? '<' : '>')} (${cursor.key}::timestamptz, ${cursor.id}::uuid)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > q.limit && last ? encodeTimeCursor(q.sort, q.sort.endsWith('createdAt') ? last.created_at : last.span_start, last.id) : null;
  return { rows: page, nextCursor };
}

/** Rows → DTOs, with every activity's participants read in one query. */
export async function toActivityDtos(db: Db, rows: readonly ActivityRow[]): Promise<ActivityDto[]> {
  const participants = await participantsOf(db, rows.map((r) => r.id));
  return rows.map((row) => toActivityDto(row, participants.get(row.id)));
}

export function toActivityDto(row: ActivityRow, participants: Participants = { users: [], contacts: [], resources: [] }) {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    description: row.description,
    startsAt: row.starts_at?.toISOString() ?? null,
    endsAt: row.ends_at?.toISOString() ?? null,
    dueAt: row.due_at?.toISOString() ?? null,
    allDay: row.all_day,
    location: row.location,
    ownerId: row.owner_id,
    customerId: row.customer_id,
    dealId: row.deal_id,
    reminders: row.reminder_minutes,
    status: row.status,
    result: row.result,
    completedAt: row.completed_at?.toISOString() ?? null,
    participants,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export type ActivityDto = ReturnType<typeof toActivityDto>;
