import type { ColumnType, Generated, Selectable } from 'kysely';

export const ACTIVITY_KINDS = ['call', 'meeting', 'task', 'letter', 'event'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_STATUSES = ['planned', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/**
 * A call, meeting, task, letter or event. It has a time (`starts_at`/`ends_at`) or a
 * deadline (`due_at`); `span_start`/`span_end` are generated from them (see the migration).
 */
export interface ActivityTable {
  id: Generated<string>;
  kind: ActivityKind;
  subject: string;
  description: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  due_at: Date | null;
  all_day: boolean;
  location: string | null;
  status: ColumnType<ActivityStatus, ActivityStatus | undefined, ActivityStatus>;
  result: string | null;
  completed_at: Date | null;
  owner_id: string;
  customer_id: string | null;
  deal_id: string | null;
  reminder_minutes: number[];
  span_start: ColumnType<Date, never, never>;
  span_end: ColumnType<Date, never, never>;
  version: ColumnType<number, never, number>;
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
}

/** One participant of an activity: exactly one of a user, a contact person, a resource. */
export interface ActivityParticipantTable {
  id: Generated<string>;
  activity_id: string;
  user_id: string | null;
  contact_id: string | null;
  resource_id: string | null;
}

export type ActivityRow = Selectable<ActivityTable>;
