import type { Kysely } from 'kysely';
import { hashPassword } from '../auth/password.js';
import { deleteUserSessions } from '../auth/sessions.repository.js';
import type { Database, Role, UserUpdate } from '../db/tables/index.js';
import { conflict, notFound } from '../errors.js';
import { findUserById, insertUser, updateUserRow, toUserDto } from './users.repository.js';
import type { UserDto } from './user.schemas.js';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  roles: Role[];
}

export async function createUser(db: Kysely<Database>, user: NewUser): Promise<UserDto> {
  const passwordHash = await hashPassword(user.password);
  try {
    const row = await insertUser(db, { email: user.email.toLowerCase(), name: user.name, password_hash: passwordHash, roles: user.roles });
    return toUserDto(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A user with the e-mail '${user.email.toLowerCase()}' already exists`);
    throw error;
  }
}

export interface UserChanges {
  name?: string;
  roles?: Role[];
  active?: boolean;
  password?: string;
}

/**
 * Applies an admin's changes. A new password or a deactivation signs the user out
 * everywhere. An admin cannot demote or deactivate themselves: since only admins may
 * call this, there is then always an active admin left to administer the installation.
 */
export async function updateUser(db: Kysely<Database>, actorId: string, id: string, changes: UserChanges): Promise<UserDto> {
  const update: UserUpdate = {};
  if (changes.name !== undefined) update.name = changes.name;
  if (changes.roles !== undefined) update.roles = changes.roles;
  if (changes.active !== undefined) update.active = changes.active;
  if (changes.password !== undefined) update.password_hash = await hashPassword(changes.password);

  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('User', id);
    const losesAdmin =
      current.active && current.roles.includes('admin') && (changes.active === false || (changes.roles !== undefined && !changes.roles.includes('admin')));
    if (losesAdmin && id === actorId) {
      throw conflict('You cannot remove your own admin role or deactivate yourself: ask another admin');
    }
    const row = await updateUserRow(trx, id, update);
    if (changes.active === false || changes.password !== undefined) await deleteUserSessions(trx, id);
    return toUserDto(row!);
  });
}

export async function getUser(db: Kysely<Database>, id: string): Promise<UserDto> {
  const row = await findUserById(db, id);
  if (!row) throw notFound('User', id);
  return toUserDto(row);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
