/**
 * The engine over a database: instances per second for four models, on PGlite and, when
 * it answers, on the local PostgreSQL; each figure also as a ratio to a baseline measured
 * in the same process — bare one-row insert transactions (a jsonb row, the same
 * concurrency) — which is the most a command that commits once could reach here.
 *
 *   npx tsx bench/engine-persisted.bench.ts [instances per round] [rounds]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import { createPostgresEngine, engineMigrations, type PostgresEngine } from '../engine/index.js';
import { openPostgres, wrapPGlite, type DatabaseHandle } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { createScratchDatabase } from '../test/helpers/test-databases.js';

const CONCURRENCY = 16;
const MODELS = ['straight-through', 'user-task', 'parallel-10', 'multi-instance-50'] as const;
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PersistedBenchRow {
  readonly database: string;
  readonly scenario: string;
  readonly perSec: number;
  readonly ratioToBareInsert: number;
}

export async function runEnginePersistedBench(count = 1000, rounds = 3): Promise<PersistedBenchRow[]> {
  const rows: PersistedBenchRow[] = [];
  rows.push(...(await onDatabase('pglite', async () => wrapPGlite(await PGlite.create()), count, rounds)));
  const url = process.env.DATABASE_URL ?? LOCAL_POSTGRES;
  if (await answers(url)) {
    const scratch = await createScratchDatabase(url);
    try {
      rows.push(...(await onDatabase('postgres', async () => openPostgres(scratch.url), count * 2, rounds)));
    } finally {
      await scratch.drop();
    }
  }
  return rows;
}

async function onDatabase(name: string, open: () => Promise<DatabaseHandle>, count: number, rounds: number): Promise<PersistedBenchRow[]> {
  const database = await open();
  try {
    await migrateToLatest(database.db, engineMigrations);
    const engine = createPostgresEngine({ db: database.db });
    for (const model of MODELS) {
      const deployed = await engine.deploy({ name: model, resources: [{ name: `${model}.bpmn`, xml: readFileSync(new URL(`${model}.bpmn`, import.meta.url), 'utf8') }] });
      if (!deployed.ok) throw new Error(`${model}: ${JSON.stringify(deployed.problems)}`);
    }
    await sql`create table bench_baseline (id bigserial primary key, payload jsonb not null)`.execute(database.db);
    const baseline = median(await repeat(rounds, () => perSecond(count, () => bareInsert(database.db))));
    const row = (scenario: string, perSec: number) => ({ database: name, scenario, perSec: Math.round(perSec), ratioToBareInsert: Math.round((perSec / baseline) * 100) / 100 });
    const out: PersistedBenchRow[] = [row('baseline: bare insert transaction', baseline)];
    const items = Array.from({ length: 50 }, (_, i) => i);
    out.push(row('straight-through (start → script → gateway → task → end)', median(await repeat(rounds, () => perSecond(count, () => start(engine, 'straight-through', { amount: 5000 }))))));
    out.push(row('user task: start, then complete', median(await repeat(rounds, () => perSecond(count, () => startAndComplete(engine))))));
    out.push(row('parallel fork/join, 10 branches', median(await repeat(rounds, () => perSecond(count, () => start(engine, 'parallel-10', {}))))));
    out.push(row('parallel multi-instance, 50 items', median(await repeat(rounds, () => perSecond(Math.ceil(count / 10), () => start(engine, 'multi-instance-50', { items }))))));
    for (let i = 0; i < 200; i++) await start(engine, 'user-task', { customer: `customer-${i}`, amount: i });
    const size = await sql<{ bytes: number }>`select avg(pg_column_size(data))::int as bytes from engine_process_instances where state = 'active'`.execute(database.db);
    out.push({ database: name, scenario: 'bytes of stored state per instance waiting in a user task', perSec: size.rows[0]?.bytes ?? 0, ratioToBareInsert: 0 });
    return out;
  } finally {
    await database.close();
  }
}

async function start(engine: PostgresEngine, key: string, variables: Record<string, unknown>): Promise<void> {
  const outcome = await engine.startInstance(key, { variables: variables as never });
  if (!outcome.ok) throw new Error(outcome.message);
}

async function startAndComplete(engine: PostgresEngine): Promise<void> {
  const started = await engine.startInstance('user-task');
  if (!started.ok) throw new Error(started.message);
  const [task] = await engine.listTasks({ processInstanceId: started.id, limit: 1 });
  const done = await engine.completeTask(task!.id, { done: true });
  if (!done.ok) throw new Error(done.message);
}

async function bareInsert(db: Kysely<any>): Promise<void> {
  await db.transaction().execute((trx) => sql`insert into bench_baseline (payload) values (${JSON.stringify({ amount: 5000, stage: 'lead' })}::jsonb)`.execute(trx));
}

/** `count` calls of `work`, CONCURRENCY at a time; returns calls per second. */
async function perSecond(count: number, work: () => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < count) await work();
    }),
  );
  return (count / (performance.now() - started)) * 1000;
}

async function repeat(rounds: number, measure: () => Promise<number>): Promise<number[]> {
  const results: number[] = [];
  for (let i = 0; i < rounds; i++) results.push(await measure());
  return results;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function answers(url: string): Promise<boolean> {
  const handle = openPostgres(url);
  try {
    await sql`select 1`.execute(handle.db);
    return true;
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await runEnginePersistedBench(Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 3)));
}
