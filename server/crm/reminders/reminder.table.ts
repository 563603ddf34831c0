import type { Generated, Selectable } from 'kysely';

/**
 * One reminder for one user of one activity, `minutes_before` its start (or deadline).
 * `sent_at` is set by the sweeper when it is delivered; `dismissed_at` by the user.
 */
export interface ActivityReminderTable {
  id: Generated<string>;
  activity_id: string;
  user_id: string;
  minutes_before: number;
  remind_at: Date;
  sent_at: Date | null;
  dismissed_at: Date | null;
}

export type ReminderRow = Selectable<ActivityReminderTable>;
