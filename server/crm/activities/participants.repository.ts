import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';

type Db = Kysely<Database>;

export interface Participants {
  users: Array<{ id: string; name: string }>;
  contacts: Array<{ id: string; name: string }>;
  resources: Array<{ id: string; name: string; kind: string }>;
}

export interface ParticipantIds {
  userIds: string[];
  contactIds: string[];
  resourceIds: string[];
}

/** The participants of several activities, by activity id, each list in name order. */
export async function participantsOf(db: Db, activityIds: readonly string[]): Promise<Map<string, Participants>> {
  const result = new Map<string, Participants>(activityIds.map((id) => [id, { users: [], contacts: [], resources: [] }]));
  if (activityIds.length === 0) return result;
  const rows = await db
    .selectFrom('activity_participants as ap')
    .leftJoin('users as u', 'u.id', 'ap.user_id')
    .leftJoin('customers as c', 'c.id', 'ap.contact_id')
    .leftJoin('resources as r', 'r.id', 'ap.resource_id')
    .select(['ap.activity_id', 'ap.user_id', 'ap.contact_id', 'ap.resource_id', 'u.name as user_name', 'c.name as contact_name', 'r.name as resource_name', 'r.kind as resource_kind'])
    .where('ap.activity_id', 'in', [...activityIds])
    .orderBy('ap.activity_id')
    .orderBy((eb) => eb.fn.coalesce('u.name', 'c.name', 'r.name'))
    .execute();
  for (const row of rows) {
    const entry = result.get(row.activity_id)!;
    if (row.user_id) entry.users.push({ id: row.user_id, name: row.user_name ?? '' });
    else if (row.contact_id) entry.contacts.push({ id: row.contact_id, name: row.contact_name ?? '' });
    else if (row.resource_id) entry.resources.push({ id: row.resource_id, name: row.resource_name ?? '', kind: row.resource_kind ?? '' });
  }
  return result;
}

export async function participantIdsOf(db: Db, activityId: string): Promise<ParticipantIds> {
  const rows = await db.selectFrom('activity_participants').select(['user_id', 'contact_id', 'resource_id']).where('activity_id', '=', activityId).execute();
  return {
    userIds: rows.flatMap((r) => (r.user_id ? [r.user_id] : [])),
    contactIds: rows.flatMap((r) => (r.contact_id ? [r.contact_id] : [])),
    resourceIds: rows.flatMap((r) => (r.resource_id ? [r.resource_id] : [])),
  };
}

/** Replaces an activity's participants with `ids` (in the write's transaction). */
export async function replaceParticipants(db: Db, activityId: string, ids: ParticipantIds): Promise<void> {
  await db.deleteFrom('activity_participants').where('activity_id', '=', activityId).execute();
  const values = [
    ...ids.userIds.map((id) => ({ activity_id: activityId, user_id: id, contact_id: null, resource_id: null })),
    ...ids.contactIds.map((id) => ({ activity_id: activityId, user_id: null, contact_id: id, resource_id: null })),
    ...ids.resourceIds.map((id) => ({ activity_id: activityId, user_id: null, contact_id: null, resource_id: id })),
  ];
  if (values.length) await db.insertInto('activity_participants').values(values).execute();
}
