import { sql, type Kysely } from 'kysely';

/**
 * Claims read due work by type in priority order: one index range per type, so a claim
 * costs the same with ten jobs queued or a million (the old (type, due_at) index could
 * not serve "priority first" and a claim sorted the whole queue).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index engine_jobs_work_claim_idx on engine_jobs (type, priority desc, due_at) where state = 'activatable' and kind = 'work'`.execute(db);
  await sql`drop index engine_jobs_due_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index engine_jobs_due_idx on engine_jobs (type, due_at) where state = 'activatable'`.execute(db);
  await sql`drop index engine_jobs_work_claim_idx`.execute(db);
}
