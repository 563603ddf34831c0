import { ACTIVITY_KINDS, ACTIVITY_STATUSES, type ActivityKind, type ActivityStatus } from './activity.tables.js';

const uuid = { type: 'string', format: 'uuid' } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;
const instant = { type: ['string', 'null'], format: 'date-time' } as const;
const version = { type: 'integer', minimum: 1, description: 'The version you read (or send If-Match: "<version>")' } as const;
const ids = (description: string) => ({ type: 'array', items: uuid, maxItems: 50, uniqueItems: true, description }) as const;

/** An activity lasts at most this long, so a calendar window query is one bounded index range. */
export const MAX_SPAN_DAYS = 31;

const participantsInput = {
  type: 'object',
  additionalProperties: false,
  description: 'Each list given replaces that kind of participant; lists left out stay as they are',
  properties: {
    userIds: ids('Colleagues taking part (they see the activity and get its reminders)'),
    contactIds: ids('Contact persons (customers of kind person) you can see, or contacts of the activity’s customer'),
    resourceIds: ids('Rooms, cars, laptops to book; a resource booked meanwhile answers 409'),
  },
} as const;

const writable = {
  subject: { type: 'string', minLength: 1, maxLength: 200 },
  description: { type: ['string', 'null'], maxLength: 10000 },
  startsAt: { ...instant, description: 'Required for calls, meetings and events' },
  endsAt: { ...instant, description: `Required with startsAt; at most ${MAX_SPAN_DAYS} days after it` },
  dueAt: { ...instant, description: 'Required for tasks' },
  allDay: { type: 'boolean', description: 'startsAt/endsAt are then UTC midnights (whole days)' },
  location: { type: ['string', 'null'], maxLength: 200 },
  ownerId: { ...uuid, description: 'A user; defaults to you' },
  customerId: { ...nullableUuid, description: 'A customer you can see' },
  dealId: { ...nullableUuid, description: 'A deal you can see (its customer becomes the activity’s)' },
  reminders: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 40320 }, maxItems: 5, uniqueItems: true, description: 'Minutes before the start (or deadline) to remind the owner and the user participants' },
} as const;

const person = { type: 'object', required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } } } as const;

const activityProperties = {
  id: uuid,
  kind: { type: 'string', enum: [...ACTIVITY_KINDS] },
  ...writable,
  customerId: nullableUuid,
  dealId: nullableUuid,
  status: { type: 'string', enum: [...ACTIVITY_STATUSES] },
  result: { type: ['string', 'null'], description: 'The outcome / minutes (required once done)' },
  completedAt: instant,
  participants: {
    type: 'object',
    required: ['users', 'contacts', 'resources'],
    properties: {
      users: { type: 'array', items: person },
      contacts: { type: 'array', items: person },
      resources: { type: 'array', items: { type: 'object', required: ['id', 'name', 'kind'], properties: { id: uuid, name: { type: 'string' }, kind: { type: 'string' } } } },
    },
  },
  version: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const;

export const activitySchema = { $id: 'Activity', type: 'object', required: Object.keys(activityProperties), properties: activityProperties } as const;

/** A write's reply: the activity, plus warnings that did not stop it (people double-booked). */
export const activityWriteReply = {
  type: 'object',
  required: [...Object.keys(activityProperties), 'warnings'],
  properties: {
    ...activityProperties,
    warnings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'userId', 'activityId', 'startsAt', 'endsAt'],
        properties: { code: { type: 'string', enum: ['PERSON_BUSY'] }, userId: uuid, activityId: uuid, startsAt: { type: 'string', format: 'date-time' }, endsAt: { type: 'string', format: 'date-time' } },
      },
    },
  },
} as const;

export const createActivityBody = {
  type: 'object',
  required: ['kind', 'subject'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...ACTIVITY_KINDS] },
    ...writable,
    status: { type: 'string', enum: [...ACTIVITY_STATUSES], default: 'planned', description: 'Log a past call as done (with its result) in one step' },
    result: { type: ['string', 'null'], maxLength: 10000 },
    participants: participantsInput,
  },
} as const;

export const updateActivityBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    ...writable,
    status: { type: 'string', enum: [...ACTIVITY_STATUSES], description: 'Marking done needs a result (here or already recorded)' },
    result: { type: ['string', 'null'], maxLength: 10000 },
    participants: participantsInput,
    version,
  },
} as const;

export const completeActivityBody = {
  type: 'object',
  required: ['result'],
  additionalProperties: false,
  properties: { result: { type: 'string', minLength: 1, maxLength: 10000, description: 'What came of it: the call’s outcome, the meeting’s minutes' }, version },
} as const;

export const ACTIVITY_SORTS = ['startsAt', '-startsAt', 'createdAt', '-createdAt'] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];

export const listActivitiesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { type: 'array', items: { type: 'string', enum: [...ACTIVITY_KINDS] }, maxItems: 5 },
    status: { type: 'array', items: { type: 'string', enum: [...ACTIVITY_STATUSES] }, maxItems: 3 },
    ownerId: uuid,
    participantUserId: { ...uuid, description: 'Activities this user owns or takes part in' },
    customerId: uuid,
    dealId: uuid,
    resourceId: uuid,
    from: { type: 'string', format: 'date-time', description: 'Only activities ending at or after this' },
    to: { type: 'string', format: 'date-time', description: 'Only activities starting before this' },
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'Start of the subject (case-insensitive)' },
    sort: { type: 'string', enum: [...ACTIVITY_SORTS], default: 'startsAt', description: 'startsAt = the start, or the deadline of a task' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page (same sort)' },
  },
} as const;

export const listActivitiesReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: 'Activity#' } }, nextCursor: { type: ['string', 'null'] } },
} as const;

export interface ParticipantsInput {
  userIds?: string[];
  contactIds?: string[];
  resourceIds?: string[];
}

export interface ActivityFields {
  kind: ActivityKind;
  subject: string;
  description: string | null;
  startsAt: string | null;
  endsAt: string | null;
  dueAt: string | null;
  allDay: boolean;
  location: string | null;
  ownerId: string;
  customerId: string | null;
  dealId: string | null;
  reminders: number[];
  status: ActivityStatus;
  result: string | null;
}

export type NewActivity = Pick<ActivityFields, 'kind' | 'subject'> & Partial<Omit<ActivityFields, 'kind' | 'subject'>> & { participants?: ParticipantsInput };
export type ActivityChanges = Partial<Omit<ActivityFields, 'kind'>> & { participants?: ParticipantsInput; version?: number };

export interface ListActivitiesQuery {
  kind?: ActivityKind[];
  status?: ActivityStatus[];
  ownerId?: string;
  participantUserId?: string;
  customerId?: string;
  dealId?: string;
  resourceId?: string;
  from?: string;
  to?: string;
  q?: string;
  sort: ActivitySort;
  limit: number;
  after?: string;
}
