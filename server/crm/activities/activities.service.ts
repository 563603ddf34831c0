import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import type { Viewer } from '../access/viewer.js';
import { recordAudit, type Actor } from '../audit/audit-log.repository.js';
import { syncReminders } from '../reminders/reminders.repository.js';
import { invalidField } from '../shared.js';
import { checkActivityLinks, checkActivityTime, checkParticipants } from './activity-fields.js';
import { actingForActivity } from './activity-scope.js';
import type { ActivityChanges, ActivityFields, NewActivity } from './activity.schemas.js';
import type { ActivityRow, ActivityTable } from './activity.tables.js';
import { findVisibleActivity, insertActivity, toActivityDto, toActivityDtos, updateActivityRow, type ActivityDto } from './activities.repository.js';
import { assertResourcesFree, lockResources, personWarnings, type Booking, type PersonBusy } from './booking.js';
import { participantIdsOf, participantsOf, replaceParticipants, type ParticipantIds } from './participants.repository.js';

type Db = Kysely<Database>;
export type ActivityWrite = ActivityDto & { warnings: PersonBusy[] };
const NO_PARTICIPANTS: ParticipantIds = { userIds: [], contactIds: [], resourceIds: [] };

/**
 * Creates a planned activity owned by the caller unless another owner is named. The caller
 * must be able to see what they create (as owner, participant, through its customer or
 * deal, or as the owner's manager); resources it books must be free (else 409).
 */
export async function createActivity(db: Db, viewer: Viewer, input: NewActivity): Promise<ActivityWrite> {
  return db.transaction().execute(async (trx) => {
    const { participants: participantInput, ...given } = input;
    const draft: ActivityFields = { ownerId: viewer.userId, description: null, startsAt: null, endsAt: null, dueAt: null, allDay: false, location: null, customerId: null, dealId: null, reminders: [], status: 'planned', result: null, ...given };
    checkDone(draft);
    checkActivityTime(draft);
    const fields = await checkActivityLinks(trx, viewer, draft, { owner: true, customer: true, deal: true });
    const participants = await checkParticipants(trx, viewer, NO_PARTICIPANTS, participantInput, fields.customerId);
    await lockResources(trx, participants.resourceIds, []);
    await assertResourcesFree(trx, viewer, participants.resourceIds, bookingOf(fields), null);
    const now = new Date();
    const row = await insertActivity(trx, { ...toColumns(fields), completed_at: fields.status === 'done' ? now : null, created_at: now, updated_at: now });
    await replaceParticipants(trx, row.id, participants);
    await syncReminders(trx, row, participants.userIds);
    const acting = await actingForActivity(trx, viewer, row.id);
    if (!acting) throw forbidden('You could not see this activity: take part in it, own it, or link a customer or deal you can see');
    const after = toActivityDto(row, (await participantsOf(trx, [row.id])).get(row.id));
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: acting.onBehalfOf }, { entityType: 'activity', entityId: row.id, action: 'create', after });
    return { ...after, warnings: await personWarnings(trx, [row.owner_id, ...participants.userIds], bookingOf(fields), row.id) };
  });
}

/**
 * A PATCH: fields, status (done needs a result), participants (each list given replaces
 * that kind) and reminders, under optimistic concurrency.
 */
export async function updateActivity(db: Db, viewer: Viewer, id: string, changes: ActivityChanges, expected: number): Promise<ActivityWrite> {
  const { version: _version, participants: participantChanges, ...fieldChanges } = changes;
  return writeActivity(db, viewer, id, expected, async (trx, current) => {
    const draft: ActivityFields = { ...fieldsOf(current), ...fieldChanges };
    if (fieldChanges.customerId === null && fieldChanges.dealId === undefined) draft.dealId = null; // unlinking the customer unlinks its deal
    checkDone(draft);
    checkActivityTime(draft);
    const changed = { owner: draft.ownerId !== current.owner_id, customer: draft.customerId !== current.customer_id, deal: draft.dealId !== current.deal_id };
    const fields = await checkActivityLinks(trx, viewer, draft, changed);
    return { fields, participantChanges, action: current.status !== fields.status ? `status:${fields.status}` : 'update' };
  });
}

/** Marks an activity done with its result (the call's outcome, the meeting's minutes). */
export async function completeActivity(db: Db, viewer: Viewer, id: string, result: string, expected: number): Promise<ActivityWrite> {
  if (!result.trim()) throw invalidField('body.result', 'must say what came of the activity');
  return writeActivity(db, viewer, id, expected, async (_trx, current) => {
    if (current.status === 'cancelled') throw new AppError('SRV_ERR_CONFLICT', 'The activity is cancelled: set it planned before completing it');
    return { fields: { ...fieldsOf(current), status: 'done', result: result.trim() }, participantChanges: undefined, action: 'complete' };
  });
}

export async function getActivity(db: Db, viewer: Viewer, id: string): Promise<ActivityDto> {
  const row = await findVisibleActivity(db, viewer, id);
  if (!row) throw notFound('Activity', id);
  return (await toActivityDtos(db, [row]))[0]!;
}

/**
 * The frame of every activity write: one transaction; the activity locked and visible to
 * the caller (else 404); the version read still current (else 409); participants checked,
 * resources locked and free; reminders re-synced; before and after audited.
 */
async function writeActivity(
  db: Db,
  viewer: Viewer,
  id: string,
  expected: number,
  decide: (trx: Db, current: ActivityRow) => Promise<{ fields: ActivityFields; participantChanges: NewActivity['participants']; action: string }>,
): Promise<ActivityWrite> {
  return db.transaction().execute(async (trx) => {
    const current = await findVisibleActivity(trx, viewer, id, { forUpdate: true });
    if (!current) throw notFound('Activity', id);
    if (current.version !== expected) {
      throw new AppError('SRV_ERR_CONFLICT', `Expected version ${expected}, but the activity is at version ${current.version}: reload and retry`, { currentVersion: current.version });
    }
    const acting = (await actingForActivity(trx, viewer, id))!;
    const actor: Actor = { userId: viewer.userId, onBehalfOf: acting.onBehalfOf };
    const before = (await toActivityDtos(trx, [current]))[0]!;
    const { fields, participantChanges, action } = await decide(trx, current);
    const previous = await participantIdsOf(trx, id);
    const participants = await checkParticipants(trx, viewer, previous, participantChanges, fields.customerId);
    await lockResources(trx, participants.resourceIds, previous.resourceIds);
    await assertResourcesFree(trx, viewer, participants.resourceIds, bookingOf(fields), id);
    const row = await updateActivityRow(trx, id, {
      ...toColumns(fields),
      completed_at: fields.status === 'done' ? (current.completed_at ?? new Date()) : null,
      version: current.version + 1,
      updated_at: new Date(),
    });
    if (participantChanges) await replaceParticipants(trx, id, participants);
    await syncReminders(trx, row, participants.userIds);
    const after = toActivityDto(row, (await participantsOf(trx, [id])).get(id));
    await recordAudit(trx, actor, { entityType: 'activity', entityId: id, action, before, after });
    return { ...after, warnings: await personWarnings(trx, [row.owner_id, ...participants.userIds], bookingOf(fields), id) };
  });
}

function checkDone(fields: ActivityFields): void {
  if (fields.status === 'done' && !fields.result?.trim()) throw invalidField('body.result', 'is required to mark the activity done: what came of it?');
}

/** What the activity holds people and resources for: its time, unless it is cancelled or has only a deadline. */
function bookingOf(fields: ActivityFields): Booking | null {
  if (fields.status === 'cancelled' || fields.startsAt === null || fields.endsAt === null) return null;
  return { startsAt: new Date(fields.startsAt), endsAt: new Date(fields.endsAt) };
}

function toColumns(fields: ActivityFields) {
  return {
    kind: fields.kind,
    subject: fields.subject,
    description: fields.description,
    starts_at: fields.startsAt === null ? null : new Date(fields.startsAt),
    ends_at: fields.endsAt === null ? null : new Date(fields.endsAt),
    due_at: fields.dueAt === null ? null : new Date(fields.dueAt),
    all_day: fields.allDay,
    location: fields.location,
    status: fields.status,
    result: fields.result,
    owner_id: fields.ownerId,
    customer_id: fields.customerId,
    deal_id: fields.dealId,
    reminder_minutes: [...fields.reminders].sort((a, b) => a - b),
  } satisfies Partial<Record<keyof ActivityTable, unknown>>;
}

function fieldsOf(row: ActivityRow): ActivityFields {
  return {
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
  };
}
