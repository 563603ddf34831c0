import { sql, type Kysely } from 'kysely';

/** The `integration` role: accounts of external workers, which need no admin rights. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop constraint users_roles_check`.execute(db);
  await sql`alter table users add constraint users_roles_check check (roles <@ array['admin','designer','manager','rep','integration']::text[])`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop constraint users_roles_check`.execute(db);
  await sql`alter table users add constraint users_roles_check check (roles <@ array['admin','designer','manager','rep']::text[])`.execute(db);
}
