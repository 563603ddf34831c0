import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/tables/index.js';

export interface Principal {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly sessionId: string;
}

export async function insertSession(db: Kysely<Database>, session: { id: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.insertInto('sessions').values({ id: session.id, user_id: session.userId, expires_at: session.expiresAt }).execute();
}

/** The signed-in user behind a live session of an active user, in one round trip. */
export async function findPrincipal(db: Kysely<Database>, sessionId: string): Promise<Principal | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.roles'])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', new Date())
    .where('users.active', '=', true)
    .executeTakeFirst();
  return row && { userId: row.id, email: row.email, name: row.name, roles: row.roles, sessionId };
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Sign a user out everywhere (password changed, account deactivated), optionally but one session. */
export async function deleteUserSessions(db: Kysely<Database>, userId: string, except?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (except) query = query.where('id', '!=', except);
  await query.execute();
}

export async function deleteExpiredSessions(db: Kysely<Database>): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', new Date()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
