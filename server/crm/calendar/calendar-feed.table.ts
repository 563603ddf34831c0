import type { ColumnType } from 'kysely';

/** A user's calendar subscription: the SHA-256 of the secret token in their feed URL. */
export interface CalendarFeedTable {
  user_id: string;
  token_hash: string;
  created_at: ColumnType<Date, Date | undefined, Date>;
}
