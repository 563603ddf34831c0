import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { visibleTo } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';
import { findVisibleCustomer } from '../customers/customers.repository.js';
import { findVisibleDeal } from '../deals/deals.repository.js';
import { invalidField } from '../shared.js';
import { MAX_SPAN_DAYS, type ActivityFields, type ParticipantsInput } from './activity.schemas.js';
import type { ParticipantIds } from './participants.repository.js';

type Db = Kysely<Database>;
const DAY_MS = 24 * 60 * 60 * 1000;
const TIMED_KINDS = new Set(['call', 'meeting', 'event']);

/** The rules of an activity's time the schema cannot say, each a 400 naming the field. */
export function checkActivityTime(fields: ActivityFields): void {
  const starts = fields.startsAt === null ? null : Date.parse(fields.startsAt);
  const ends = fields.endsAt === null ? null : Date.parse(fields.endsAt);
  if ((starts === null) !== (ends === null)) throw invalidField(starts === null ? 'body.startsAt' : 'body.endsAt', 'is required with the other end of the time (startsAt and endsAt)');
  if (TIMED_KINDS.has(fields.kind) && starts === null) throw invalidField('body.startsAt', `is required for a ${fields.kind}`);
  if (fields.kind === 'task' && fields.dueAt === null) throw invalidField('body.dueAt', 'is required for a task');
  if (starts === null && fields.dueAt === null) throw invalidField('body.startsAt', 'or dueAt is required: an activity needs a time or a deadline');
  if (starts !== null && ends !== null) {
    if (ends < starts) throw invalidField('body.endsAt', 'must not be before startsAt');
    if (ends - starts > MAX_SPAN_DAYS * DAY_MS) throw invalidField('body.endsAt', `must be at most ${MAX_SPAN_DAYS} days after startsAt`);
  }
  if (fields.allDay) {
    if (starts === null || ends === null) throw invalidField('body.allDay', 'needs startsAt and endsAt');
    if (starts % DAY_MS !== 0 || ends % DAY_MS !== 0 || ends <= starts) throw invalidField('body.allDay', 'needs startsAt and endsAt at UTC midnights, endsAt after startsAt (whole days)');
  }
}

/**
 * The links of an activity: owner (an active user), deal and customer (ones the viewer can
 * see; a deal brings its customer). Only what changed is checked, so keeping a link to a
 * customer that left the viewer's scope (a manager moved it) does not block other edits.
 */
export async function checkActivityLinks(db: Db, viewer: Viewer, fields: ActivityFields, changed: { owner: boolean; customer: boolean; deal: boolean }): Promise<ActivityFields> {
  if (!fields.subject.trim()) throw invalidField('body.subject', 'must not be blank');
  if (changed.owner && !(await activeUsers(db, [fields.ownerId])).has(fields.ownerId)) throw invalidField('body.ownerId', 'names no active user');
  let customerId = fields.customerId;
  if (changed.deal && fields.dealId !== null) {
    const deal = await findVisibleDeal(db, viewer, fields.dealId);
    if (!deal) throw invalidField('body.dealId', 'names no deal you can see');
    if (customerId !== null && changed.customer && customerId !== deal.customer_id) throw invalidField('body.customerId', 'must be the deal’s customer (or left out)');
    customerId = deal.customer_id;
  } else if (changed.customer && customerId !== null && !(await findVisibleCustomer(db, viewer, customerId))) {
    throw invalidField('body.customerId', 'names no customer you can see');
  }
  return { ...fields, subject: fields.subject.trim(), customerId };
}

/**
 * The participants after a write: lists given replace the current ones. New users must be
 * active; new contacts must be persons the viewer can see, or contacts of the activity's
 * customer. Resources are checked (and locked) by booking.ts.
 */
export async function checkParticipants(db: Db, viewer: Viewer, current: ParticipantIds, input: ParticipantsInput | undefined, customerId: string | null): Promise<ParticipantIds> {
  const next = { userIds: input?.userIds ?? current.userIds, contactIds: input?.contactIds ?? current.contactIds, resourceIds: input?.resourceIds ?? current.resourceIds };
  const newUsers = next.userIds.filter((id) => !current.userIds.includes(id));
  const active = await activeUsers(db, newUsers);
  const unknownUser = newUsers.find((id) => !active.has(id));
  if (unknownUser) throw invalidField('body.participants.userIds', `names no active user ('${unknownUser}')`);
  for (const id of next.contactIds.filter((c) => !current.contactIds.includes(c))) {
    if (!(await isReachableContact(db, viewer, id, customerId))) throw invalidField('body.participants.contactIds', `names no contact person you can see ('${id}')`);
  }
  return next;
}

async function activeUsers(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('id').where('id', 'in', [...ids]).where('active', '=', true).execute();
  return new Set(rows.map((r) => r.id));
}

/** A person the viewer can see, or one listed as a contact of the (visible) activity's customer. */
async function isReachableContact(db: Db, viewer: Viewer, personId: string, customerId: string | null): Promise<boolean> {
  const hit = await db
    .selectFrom('customers')
    .select('customers.id')
    .where('customers.id', '=', personId)
    .where('customers.kind', '=', 'person')
    .where((eb) =>
      eb.or([
        visibleTo(viewer.isAdmin ? null : viewer.actorIds)(eb),
        ...(customerId === null
          ? []
          : [eb.exists(eb.selectFrom('customer_contacts as cc').select('cc.person_id').whereRef('cc.person_id', '=', 'customers.id').where('cc.company_id', '=', customerId))]),
      ]),
    )
    .executeTakeFirst();
  return hit !== undefined;
}
