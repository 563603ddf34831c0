import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** `integration`: accounts of external workers (fetch-and-lock, messages, signals) that need nothing else. */
export const ROLES = ['admin', 'designer', 'manager', 'rep', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export interface UserTable {
  id: Generated<string>;
  /** Stored lower-case; unique. */
  email: string;
  name: string;
  password_hash: string;
  roles: Role[];
  active: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
