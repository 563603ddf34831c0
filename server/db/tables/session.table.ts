import type { ColumnType, Selectable } from 'kysely';

/** A login. The token a client holds is signed and names this row; logout deletes it. */
export interface SessionTable {
  id: string;
  user_id: string;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
}

export type SessionRow = Selectable<SessionTable>;
