import type { Kysely } from 'kysely';
import type { Database, NewUserRow, UserRow, UserUpdate } from '../db/tables/index.js';
import type { UserDto } from './user.schemas.js';

type Db = Kysely<Database>;

export const findUserByEmail = (db: Db, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();

export const findUserById = (db: Db, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const countUsers = async (db: Db) =>
  Number((await db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

export async function insertUser(db: Db, user: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export async function updateUserRow(db: Db, id: string, changes: UserUpdate): Promise<UserRow | undefined> {
  return db.updateTable('users').set({ ...changes, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Users ordered by e-mail, keyset-paginated (the cursor is the last e-mail seen). */
export async function listUsers(db: Db, options: { q?: string | undefined; limit: number; after?: string | undefined }) {
  let query = db.selectFrom('users').selectAll().orderBy('email').limit(options.limit + 1);
  if (options.after) query = query.where('email', '>', options.after);
  if (options.q) {
    const pattern = `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('name', 'ilike', pattern)]));
  }
  const rows = await query.execute();
  const page = rows.slice(0, options.limit);
  return { rows: page, nextCursor: rows.length > options.limit ? (page.at(-1)?.email ?? null) : null };
}

export function toUserDto(row: UserRow): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    active: row.active,
    createdAt: row.created_at.toISOString(),
  };
}
