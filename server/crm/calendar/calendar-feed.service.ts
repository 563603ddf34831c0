import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { notFound } from '../../errors.js';
import { recordAudit } from '../audit/audit-log.repository.js';

type Db = Kysely<Database>;

/**
 * Calendar subscriptions (Outlook, Google): a per-user secret token in the feed URL, since
 * those clients send no Authorization header. Only its SHA-256 is stored — a leaked table
 * does not leak feeds — and 256 random bits make it unguessable, so a plain hash suffices
 * (no salt or slow hash: there is nothing to brute-force). Regenerating revokes the old URL.
 */
export async function regenerateFeedToken(db: Db, userId: string): Promise<{ token: string; createdAt: string }> {
  const token = randomBytes(32).toString('base64url');
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    await trx
      .insertInto('calendar_feeds')
      .values({ user_id: userId, token_hash: hashToken(token), created_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: hashToken(token), created_at: now }))
      .execute();
    // The token itself never enters the audit log.
    await recordAudit(trx, { userId, onBehalfOf: null }, { entityType: 'calendar_feed', entityId: userId, action: 'regenerate', after: { createdAt: now.toISOString() } });
    return { token, createdAt: now.toISOString() };
  });
}

export async function revokeFeedToken(db: Db, userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('calendar_feeds').where('user_id', '=', userId).executeTakeFirst();
    if (removed.numDeletedRows === 0n) throw notFound('Calendar feed of user', userId);
    await recordAudit(trx, { userId, onBehalfOf: null }, { entityType: 'calendar_feed', entityId: userId, action: 'revoke' });
  });
}

export async function feedStatus(db: Db, userId: string): Promise<{ active: boolean; createdAt: string | null }> {
  const row = await db.selectFrom('calendar_feeds').select('created_at').where('user_id', '=', userId).executeTakeFirst();
  return { active: row !== undefined, createdAt: row?.created_at.toISOString() ?? null };
}

/** The active user a feed token belongs to; `undefined` for an unknown or revoked token. */
export async function feedOwner(db: Db, token: string): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('calendar_feeds as f')
    .innerJoin('users as u', 'u.id', 'f.user_id')
    .select(['u.id', 'u.name'])
    .where('f.token_hash', '=', hashToken(token))
    .where('u.active', '=', true)
    .executeTakeFirst();
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
