import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { ActivityRow } from '../activities/activity.tables.js';
import type { ContactPoint } from '../customers/customer.table.js';
import { serializeCalendar, type IcsAttendee, type IcsEvent } from './icalendar.js';
import { onCalendar, overlaps, type Window } from './calendar.repository.js';

type Db = Kysely<Database>;
/** A feed is a document, not a page: this many events at most, the soonest first. */
const MAX_EVENTS = 5000;

/**
 * A user's calendar as iCalendar: everything they own or take part in within the window,
 * cancelled ones included (STATUS:CANCELLED makes subscribed clients drop them).
 */
export const DEFAULT_FEED_DAYS = { past: 90, ahead: 365 } as const;

export async function userCalendarIcs(db: Db, user: { id: string; name: string }, window: Window): Promise<string> {
  const rows = await db
    .selectFrom('activities')
    .selectAll()
    .where(onCalendar({ kind: 'users', userIds: [user.id] }))
    .where(overlaps(window))
    .orderBy('activities.span_start')
    .orderBy('activities.id')
    .limit(MAX_EVENTS)
    .execute();
  const people = await peopleOf(db, rows);
  const events = rows.map((row) => toIcsEvent(row, people.get(row.id) ?? { organizer: undefined, attendees: [] }));
  return serializeCalendar({ prodId: '-//Funnelflow//CRM calendar//EN', name: `Funnelflow – ${user.name}`, events });
}

function toIcsEvent(row: ActivityRow, people: { organizer: IcsAttendee | undefined; attendees: IcsAttendee[] }): IcsEvent {
  return {
    // Stable whatever host serves the feed, or subscribed clients would duplicate events.
    uid: `${row.id}@funnelflow`,
    stamp: row.updated_at,
    start: row.span_start,
    end: row.starts_at ? row.span_end : null,
    allDay: row.all_day,
    summary: row.subject,
    description: [row.description, row.result && `Result: ${row.result}`].filter(Boolean).join('\n\n') || null,
    location: row.location,
    status: row.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: row.version - 1,
    categories: [row.kind],
    ...(people.organizer && { organizer: people.organizer }),
    attendees: people.attendees,
  };
}

/** Organizers and attendees of the rows in two queries: users by e-mail, contacts by their primary e-mail, resources by urn. */
async function peopleOf(db: Db, rows: readonly ActivityRow[]) {
  const result = new Map<string, { organizer: IcsAttendee | undefined; attendees: IcsAttendee[] }>();
  if (rows.length === 0) return result;
  const owners = await db.selectFrom('users').select(['id', 'name', 'email']).where('id', 'in', [...new Set(rows.map((r) => r.owner_id))]).execute();
  const ownerById = new Map(owners.map((o) => [o.id, o]));
  for (const row of rows) {
    const owner = ownerById.get(row.owner_id);
    result.set(row.id, { organizer: owner && { name: owner.name, email: owner.email }, attendees: [] });
  }
  const participants = await db
    .selectFrom('activity_participants as ap')
    .leftJoin('users as u', 'u.id', 'ap.user_id')
    .leftJoin('customers as c', 'c.id', 'ap.contact_id')
    .leftJoin('resources as r', 'r.id', 'ap.resource_id')
    .select(['ap.activity_id', 'ap.user_id', 'ap.contact_id', 'ap.resource_id', 'u.name as user_name', 'u.email as user_email', 'c.name as contact_name', 'c.emails as contact_emails', 'r.name as resource_name', 'r.kind as resource_kind'])
    .where('ap.activity_id', 'in', rows.map((r) => r.id))
    .orderBy('ap.id')
    .execute();
  for (const p of participants) {
    const attendees = result.get(p.activity_id)!.attendees;
    if (p.user_id) attendees.push({ name: p.user_name ?? '', email: p.user_email });
    else if (p.contact_id) attendees.push({ name: p.contact_name ?? '', email: primaryEmail(p.contact_emails as ContactPoint[] | null), uri: `urn:uuid:${p.contact_id}` });
    else if (p.resource_id) attendees.push({ name: p.resource_name ?? '', uri: `urn:uuid:${p.resource_id}`, cutype: p.resource_kind === 'room' ? 'ROOM' : 'RESOURCE' });
  }
  return result;
}

function primaryEmail(emails: ContactPoint[] | null): string | null {
  return emails?.find((e) => e.primary)?.value ?? emails?.[0]?.value ?? null;
}
