import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '../activities/activity.tables.js';

const uuid = { type: 'string', format: 'uuid' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;

/** The longest window one calendar request may span (a year and a day: a yearly view). */
export const MAX_WINDOW_DAYS = 366;
/** The free-slot finder looks at most this far (it walks every working day). */
export const MAX_FREE_SLOT_DAYS = 62;

const entryProperties = {
  activityId: uuid,
  kind: { type: 'string', enum: [...ACTIVITY_KINDS] },
  subject: { type: 'string', description: '"Busy" on a private entry' },
  startsAt: { ...dateTime, description: 'The start, or the deadline of a task' },
  endsAt: { ...dateTime, description: 'The end (= startsAt for a deadline)' },
  dueAt: { type: ['string', 'null'], format: 'date-time' },
  allDay: { type: 'boolean' },
  status: { type: 'string', enum: [...ACTIVITY_STATUSES] },
  location: { type: ['string', 'null'] },
  ownerId: uuid,
  private: { type: 'boolean', description: 'You may not see this activity: only that the time is taken' },
} as const;

export const calendarEntrySchema = { $id: 'CalendarEntry', type: 'object', required: Object.keys(entryProperties), properties: entryProperties } as const;

export const calendarQuery = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: {
    from: dateTime,
    to: { ...dateTime, description: `At most ${MAX_WINDOW_DAYS} days after from` },
    userId: { ...uuid, description: 'Whose calendar: yourself (default), someone you stand in for, or one of your people (managers)' },
    unitId: { ...uuid, description: 'Everyone in this unit and below (heads of it or of a unit above it)' },
    resourceId: { ...uuid, description: 'A room’s, car’s or laptop’s bookings (anyone)' },
    includeCancelled: { type: 'boolean', default: false },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 500 },
    after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page' },
  },
} as const;

export const calendarReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: 'CalendarEntry#' } }, nextCursor: { type: ['string', 'null'] } },
} as const;

const idList = { type: 'array', items: uuid, maxItems: 20, uniqueItems: true } as const;

export const freeSlotsQuery = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: {
    userIds: { ...idList, description: 'People who must all be free (default: you)' },
    resourceIds: { ...idList, description: 'Resources that must all be free' },
    from: dateTime,
    to: { ...dateTime, description: `At most ${MAX_FREE_SLOT_DAYS} days after from` },
    duration: { type: 'string', default: 'PT1H', pattern: '^PT(\\d{1,2}H)?(\\d{1,4}M)?$', description: 'ISO 8601 duration, e.g. PT30M, PT1H30M' },
    workHours: { type: 'string', default: '08:00-17:00', description: 'HH:MM-HH:MM in timeZone' },
    timeZone: { type: 'string', default: 'UTC', maxLength: 64, description: 'IANA zone of workHours, e.g. Europe/Warsaw' },
    weekdays: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 7 }, maxItems: 7, uniqueItems: true, default: [1, 2, 3, 4, 5], description: 'ISO weekdays, 1 = Monday' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
} as const;

export const freeSlotsReply = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: { type: 'object', required: ['startsAt', 'endsAt'], properties: { startsAt: dateTime, endsAt: dateTime } } } },
} as const;

export const icsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { from: { ...dateTime, description: 'Default: 90 days ago' }, to: { ...dateTime, description: 'Default: a year ahead' } },
} as const;

export const icsReply = { description: 'An iCalendar (RFC 5545) document', content: { 'text/calendar': { schema: { type: 'string' } } } } as const;

export interface CalendarQuery {
  from: string;
  to: string;
  userId?: string;
  unitId?: string;
  resourceId?: string;
  includeCancelled: boolean;
  limit: number;
  after?: string;
}

export interface FreeSlotsQuery {
  userIds?: string[];
  resourceIds?: string[];
  from: string;
  to: string;
  duration: string;
  workHours: string;
  timeZone: string;
  weekdays: number[];
  limit: number;
}
