import { Migrator, type Kysely, type Migration, type MigrationResult } from 'kysely';
import { serverMigrations } from './migrations/index.js';

export interface MigrationStatus {
  readonly applied: string[];
  readonly pending: string[];
}

/**
 * Applies pending migrations. Kysely's Postgres adapter holds an advisory lock while it
 * runs, so several nodes starting at once migrate once.
 */
export async function migrateToLatest(db: Kysely<any>, migrations = serverMigrations): Promise<string[]> {
  const { error, results } = await migratorFor(db, migrations).migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Expected migration '${failed}' to apply, but: ${(error as Error).message}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrationStatus(db: Kysely<any>, migrations = serverMigrations): Promise<MigrationStatus> {
  const all = await migratorFor(db, migrations).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt).map((m) => m.name),
    pending: all.filter((m) => !m.executedAt).map((m) => m.name),
  };
}

function migratorFor(db: Kysely<any>, migrations: Record<string, Migration>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
}
