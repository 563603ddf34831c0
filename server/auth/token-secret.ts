import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables/index.js';

const KEY = 'session_token_secret';

/**
 * The secret that signs session tokens: `FUNNELFLOW_SECRET` when set, otherwise one made
 * at first start and kept in the database, so every node and every restart agree.
 */
export async function resolveTokenSecret(db: Kysely<Database>, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db
    .insertInto('settings')
    .values({ key: KEY, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirstOrThrow();
  return row.value;
}
