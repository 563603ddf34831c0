import type { Logger } from 'pino';
import { hashPassword, verifyPassword } from './auth/password.js';
import { resolveTokenSecret } from './auth/token-secret.js';
import { DEFAULT_ADMIN_PASSWORD, type Config } from './config.js';
import type { DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { countUsers, findUserByEmail } from './users/users.repository.js';

export interface Prepared {
  readonly tokenSecret: string;
}

/**
 * What a database needs before the server can use it: the schema migrated, the token
 * secret, and on an empty installation the first admin (from the configuration).
 */
export async function prepareDatabase(
  database: DatabaseHandle,
  config: Pick<Config, 'adminEmail' | 'adminPassword' | 'secret'>,
  log: Pick<Logger, 'info' | 'warn'>,
): Promise<Prepared> {
  const applied = await migrateToLatest(database.db);
  if (applied.length) log.info({ applied }, 'Migrations applied');
  const tokenSecret = await resolveTokenSecret(database.db, config.secret);

  if ((await countUsers(database.db)) === 0) {
    await database.db
      .insertInto('users')
      .values({ email: config.adminEmail, name: 'Administrator', password_hash: await hashPassword(config.adminPassword), roles: ['admin'] })
      .onConflict((oc) => oc.column('email').doNothing()) // another node won the race
      .execute();
    log.info({ email: config.adminEmail }, 'Created the first admin user');
  }
  const admin = await findUserByEmail(database.db, config.adminEmail);
  if (admin?.active && (await verifyPassword(DEFAULT_ADMIN_PASSWORD, admin.password_hash))) {
    log.warn(
      { email: admin.email },
      'The admin user still has the default password: change it (PUT /api/me/password) before anyone else can reach this server',
    );
  }
  return { tokenSecret };
}
