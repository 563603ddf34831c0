import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import t from 'tap';
import { createLogger } from '../../server/logger.js';
import { prepareDatabase } from '../../server/bootstrap.js';
import { openDatabase } from '../../server/db/database.js';
import { createPostgresEngine } from '../../engine/index.js';
import { createScratchDatabase } from '../helpers/test-databases.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"`;
const SERVICE = `<zeebe:taskDefinition type="test:effect" />`;
const MODEL = `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="d" targetNamespace="http://funnelflow.dev/test">
  <bpmn:process id="timed" isExecutable="true"><bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="work" /><bpmn:serviceTask id="work"><bpmn:extensionElements>${SERVICE}</bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="f3" sourceRef="work" targetRef="end" /><bpmn:endEvent id="end" /></bpmn:process>
  <bpmn:process id="direct" isExecutable="true"><bpmn:startEvent id="start2" /><bpmn:sequenceFlow id="g1" sourceRef="start2" targetRef="work2" />
    <bpmn:serviceTask id="work2"><bpmn:extensionElements>${SERVICE}</bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:sequenceFlow id="g2" sourceRef="work2" targetRef="end2" /><bpmn:endEvent id="end2" /></bpmn:process>
</bpmn:definitions>`;

const TIMED = 1500;
const DIRECT = 1500;
const NODES = 3;

/**
 * Several server processes share one PostgreSQL: timers and service jobs are split among
 * them, one is SIGKILLed while it works, and the others take its work over after the
 * lease. Completions are exactly once (fencing tokens); a handler's side effect can repeat
 * only for a job the killed node was running when it died (at-least-once work).
 */
t.test('several nodes on one PostgreSQL share timers and jobs; a killed node’s work is taken over', { skip: process.env.DATABASE_URL ? false : 'needs DATABASE_URL (PGlite cannot be shared by processes)' }, async (t) => {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL!);
  t.teardown(scratch.drop);
  const log = createLogger('silent');
  const database = await openDatabase({ databaseUrl: scratch.url, dataDir: '', log });
  t.teardown(() => database.close());
  await prepareDatabase(database, { adminEmail: 'admin@test.local', adminPassword: 'admin-password-1', secret: undefined }, log);
  await sql`create table test_job_effects (job_key text not null, instance_id text not null, node text not null, at timestamptz not null default clock_timestamp())`.execute(database.db);

  const nodes: ChildProcess[] = [];
  t.teardown(() => nodes.forEach((child) => child.kill('SIGKILL')));
  await Promise.all(
    Array.from({ length: NODES }, (_, index) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'test/workflow/fixtures/job-node.ts'], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: scratch.url, NODE_NAME: `node-${index}`, LEASE_SECONDS: '2' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        nodes.push(child);
        let output = '';
        child.stdout!.on('data', (chunk) => {
          output += chunk;
          if (output.includes('ready')) resolve();
        });
        child.stderr!.on('data', (chunk) => (output += chunk));
        child.on('exit', (code) => reject(new Error(`node-${index} exited (${code}) before it was ready:\n${output}`)));
      }),
    ),
  );

  // Instances are started here, by a driver that runs no jobs itself.
  const driver = createPostgresEngine({ db: database.db });
  const deployed = await driver.deploy({ name: 'multi-node', resources: [{ name: 'multi.bpmn', xml: MODEL }] });
  t.ok(deployed.ok);
  await Promise.all(Array.from({ length: TIMED }, () => driver.startInstance('timed')));
  await Promise.all(Array.from({ length: DIRECT }, () => driver.startInstance('direct')));

  const effects = async () => Number((await sql<{ n: string }>`select count(*) as n from test_job_effects`.execute(database.db)).rows[0]!.n);
  for (let waited = 0; (await effects()) < (TIMED + DIRECT) / 4 && waited < 60_000; waited += 20) await sleep(20);
  nodes[0]!.kill('SIGKILL');
  const killedAt = await effects();
  t.ok(killedAt < TIMED + DIRECT, `node-0 was killed midway (${killedAt} effects so far)`);

  const completed = async () => Number((await sql<{ n: string }>`select count(*) as n from engine_process_instances where state = 'completed'`.execute(database.db)).rows[0]!.n);
  for (let waited = 0; (await completed()) < TIMED + DIRECT && waited < 120_000; waited += 250) await sleep(250);
  t.equal(await completed(), TIMED + DIRECT, 'every instance completed');

  const perInstance = await sql<{ instance_id: string; runs: string; nodes: string[] }>`
    select instance_id, count(*) as runs, array_agg(distinct node) as nodes from test_job_effects group by instance_id`.execute(database.db);
  t.equal(perInstance.rows.length, TIMED + DIRECT, 'every job ran at least once');
  const repeated = perInstance.rows.filter((row) => Number(row.runs) > 1);
  t.ok(repeated.every((row) => row.nodes.includes('node-0')), 'a job ran twice only when node-0 died while running it');
  t.ok(repeated.length <= 64, `repeats are bounded by what node-0 had claimed (${repeated.length})`);
  const byNode = await sql<{ node: string; n: string }>`select node, count(*) as n from test_job_effects group by node order by node`.execute(database.db);
  t.ok(byNode.rows.filter((row) => row.node !== 'node-0').every((row) => Number(row.n) > 0), `the survivors shared the work: ${JSON.stringify(byNode.rows)}`);

  const fired = await sql<{ n: string }>`select count(*) as n from engine_activity_instances where activity_id = 'wait' and state = 'completed'`.execute(database.db);
  t.equal(Number(fired.rows[0]!.n), TIMED, 'every timer fired exactly once');
  const completions = await sql<{ n: string }>`select count(*) as n from engine_activity_instances where activity_id in ('work', 'work2') and state = 'completed'`.execute(database.db);
  t.equal(Number(completions.rows[0]!.n), TIMED + DIRECT, 'every job completed exactly once');
  const left = await sql<{ n: string }>`select count(*) as n from engine_jobs`.execute(database.db);
  t.equal(Number(left.rows[0]!.n), 0, 'no job or timer is left behind');
});
