/**
 * The job executor on PostgreSQL: no-op service jobs per second through claim, run and
 * complete (each completion a command in its own transaction, with history), against a
 * bare `FOR UPDATE SKIP LOCKED` queue measured in the same process; and timer lateness
 * (due time → the timer's element completed) at a steady rate of timers, while the
 * instances that carry them are being started.
 *
 *   npx tsx bench/jobs.bench.ts [jobs] [timers per second] [seconds]
 */
import { pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { createPostgresEngine, engineMigrations } from '../engine/index.js';
import { openPostgres } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { createScratchDatabase } from '../test/helpers/test-databases.js';

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"`;
const NO_OP = `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="d" targetNamespace="http://funnelflow.dev/bench">
  <bpmn:process id="noop" isExecutable="true"><bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="job" />
    <bpmn:serviceTask id="job"><bpmn:extensionElements><zeebe:taskDefinition type="bench:noop" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f2" sourceRef="job" targetRef="e" /><bpmn:endEvent id="e" /></bpmn:process>
  <bpmn:process id="timer" isExecutable="true"><bpmn:startEvent id="s2" /><bpmn:sequenceFlow id="g1" sourceRef="s2" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDate>=at</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="g2" sourceRef="wait" targetRef="e2" /><bpmn:endEvent id="e2" /></bpmn:process>
</bpmn:definitions>`;

export interface JobsBenchRow {
  readonly scenario: string;
  readonly value: number;
  readonly unit: string;
  readonly ratio: number | null;
}

export async function runJobsBench(jobs = 20_000, timersPerSecond = 500, seconds = 10): Promise<JobsBenchRow[]> {
  const url = process.env.DATABASE_URL ?? LOCAL_POSTGRES;
  const scratch = await createScratchDatabase(url).catch(() => null);
  if (!scratch) return [{ scenario: 'skipped: PostgreSQL does not answer', value: 0, unit: '', ratio: null }];
  const database = openPostgres(scratch.url);
  try {
    await migrateToLatest(database.db, engineMigrations);
    const baseline = await bareQueue(database.db, jobs);
    const throughput = await jobThroughput(database.db, jobs);
    const lateness = await timerLateness(database.db, timersPerSecond, seconds);
    return [
      { scenario: 'baseline: bare SKIP LOCKED queue (claim 64, delete them)', value: Math.round(baseline), unit: 'jobs/s', ratio: 1 },
      { scenario: `no-op service jobs: claim, run, complete (${jobs}, 2 runners)`, value: Math.round(throughput), unit: 'jobs/s', ratio: round(throughput / baseline) },
      { scenario: `timer lateness p50 (${timersPerSecond}/s for ${seconds} s)`, value: lateness.p50, unit: 'ms', ratio: null },
      { scenario: `timer lateness p99 (${timersPerSecond}/s for ${seconds} s)`, value: lateness.p99, unit: 'ms', ratio: null },
      { scenario: 'timer lateness max', value: lateness.max, unit: 'ms', ratio: null },
      { scenario: 'timers fired early', value: lateness.early, unit: 'timers', ratio: null },
    ];
  } finally {
    await database.close();
    await scratch.drop();
  }
}

/**
 * The floor: a queue that does nothing but claim 64 due rows under SKIP LOCKED (as the
 * executor does) and delete them in one statement, two workers.
 */
async function bareQueue(db: Kysely<any>, count: number): Promise<number> {
  await sql`create table bench_queue (key bigserial primary key, due_at timestamptz not null default now(), state text not null default 'ready')`.execute(db);
  await sql`create index bench_queue_due_idx on bench_queue (due_at) where state = 'ready'`.execute(db);
  await sql`insert into bench_queue (due_at) select now() from generate_series(1, ${count})`.execute(db);
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const claimed = await sql<{ key: string }>`
        update bench_queue set state = 'locked' where key in (
          select key from bench_queue where state = 'ready' and due_at <= now() order by due_at limit 64 for update skip locked)
        returning key`.execute(db);
      if (claimed.rows.length === 0) return;
      await sql`delete from bench_queue where key = any(${claimed.rows.map((row) => row.key)}::bigint[])`.execute(db);
    }
  };
  await Promise.all([worker(), worker()]);
  return (count / (performance.now() - started)) * 1000;
}

async function jobThroughput(db: Kysely<any>, count: number): Promise<number> {
  const driver = createPostgresEngine({ db });
  const deployed = await driver.deploy({ name: 'bench', resources: [{ name: 'bench.bpmn', xml: NO_OP }] });
  if (!deployed.ok) throw new Error(JSON.stringify(deployed.problems));
  for (let done = 0; done < count; done += 500) await Promise.all(Array.from({ length: Math.min(500, count - done) }, () => driver.startInstance('noop')));
  const runners = [0, 1].map(() => createPostgresEngine({ db, handlers: { 'bench:noop': () => ({}) } }));
  const started = performance.now();
  await Promise.all(runners.map((runner) => runner.runJobs()));
  const elapsed = performance.now() - started;
  const left = await sql<{ n: string }>`select count(*) as n from engine_jobs where kind = 'work'`.execute(db);
  if (Number(left.rows[0]!.n) !== 0) throw new Error(`${left.rows[0]!.n} jobs left`);
  return (count / elapsed) * 1000;
}

/**
 * Starts `rate` instances a second for `seconds`, each with a timer due 1 s after its
 * start, while two job loops (as on two nodes) fire them; lateness = the timer element's
 * completion minus its due time, from history.
 */
async function timerLateness(db: Kysely<any>, rate: number, seconds: number): Promise<{ p50: number; p99: number; max: number; early: number }> {
  const driver = createPostgresEngine({ db });
  const loops = [0, 1].map(() => createPostgresEngine({ db }));
  loops.forEach((loop) => loop.start());
  try {
    const begin = Date.now();
    const total = rate * seconds;
    for (let tick = 0; tick < seconds * 10; tick++) {
      const at = new Date(begin + tick * 100 + 1000);
      const wait = begin + tick * 100 - Date.now();
      if (wait > 0) await sleep(wait);
      await Promise.all(Array.from({ length: rate / 10 }, () => driver.startInstance('timer', { variables: { at: at.toISOString() } })));
    }
    for (let waited = 0; waited < 60_000; waited += 200) {
      const done = await sql<{ n: string }>`select count(*) as n from engine_process_instances where process_key = 'timer' and state = 'completed'`.execute(db);
      if (Number(done.rows[0]!.n) >= total) break;
      await sleep(200);
    }
    const { rows } = await sql<{ late: number }>`
      select extract(epoch from (a.end_time - (i.data -> 'variables' -> i.id ->> 'at')::timestamptz)) * 1000 as late
      from engine_activity_instances a join engine_process_instances i on i.id = a.instance_id
      where a.activity_id = 'wait' and a.state = 'completed'`.execute(db);
    const late = rows.map((row) => Number(row.late)).sort((a, b) => a - b);
    if (late.length < total) throw new Error(`only ${late.length} of ${total} timers fired`);
    const pick = (q: number) => Math.round(late[Math.min(late.length - 1, Math.floor(q * late.length))]!);
    return { p50: pick(0.5), p99: pick(0.99), max: Math.round(late.at(-1)!), early: late.filter((ms) => ms < 0).length };
  } finally {
    await Promise.all(loops.map((loop) => loop.stop()));
  }
}

const round = (value: number) => Math.round(value * 100) / 100;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await runJobsBench(Number(process.argv[2] ?? 20_000), Number(process.argv[3] ?? 500), Number(process.argv[4] ?? 10)));
  process.exit(0);
}
