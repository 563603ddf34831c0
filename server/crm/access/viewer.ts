import type { Kysely } from 'kysely';
import type { Principal } from '../../auth/sessions.repository.js';
import type { Database } from '../../db/tables/index.js';

/**
 * The signed-in user as the access rules see them: admin or not, and whose scopes they
 * see — their own, plus that of every user they stand in for at `at` (an active
 * substitution, `starts_at <= at < ends_at`). `actorIds[0]` is always the user themselves.
 */
export interface Viewer {
  readonly userId: string;
  readonly isAdmin: boolean;
  readonly actorIds: readonly string[];
}

export async function viewerOf(db: Kysely<Database>, principal: Principal, at = new Date()): Promise<Viewer> {
  return {
    userId: principal.userId,
    isAdmin: principal.roles.includes('admin'),
    actorIds: [principal.userId, ...(await substitutedBy(db, principal.userId, at))],
  };
}

/** The users whom `substituteId` stands in for at `at`. */
export async function substitutedBy(db: Kysely<Database>, substituteId: string, at: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('substitutions')
    .select('absent_user_id')
    .distinct()
    .where('substitute_id', '=', substituteId)
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .orderBy('absent_user_id')
    .execute();
  return rows.map((r) => r.absent_user_id);
}
