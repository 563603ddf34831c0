import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import t, { type Test } from 'tap';
import { openPostgres, wrapPGlite, type DatabaseHandle } from '../../server/db/database.js';
import { createScratchDatabase, databaseKinds, type DatabaseKind } from '../helpers/test-databases.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../helpers/test-app.js';

const xml = readFileSync(new URL('wait-states.bpmn', import.meta.url), 'utf8');

/** A database that outlives a server: reopened by each "restart" (PGlite on disk, or a PostgreSQL database). */
async function durableDatabase(t: Test, kind: DatabaseKind): Promise<() => Promise<DatabaseHandle>> {
  if (kind === 'pglite') {
    const dir = await mkdtemp(path.join(tmpdir(), 'ff-restart-'));
    return async () => wrapPGlite(await PGlite.create(dir));
  }
  const scratch = await createScratchDatabase(process.env.DATABASE_URL!);
  t.teardown(scratch.drop);
  return async () => openPostgres(scratch.url);
}

/** A server on the database; `stop` closes both, as a shut-down process would. */
async function boot(t: Test, open: () => Promise<DatabaseHandle>, invoiced: string[]): Promise<TestApp & { stop(): Promise<void> }> {
  const database = await open();
  const server = await startTestApp(t, database, {}, { jobHandlers: { 'test:invoice': (job) => void invoiced.push(job.instanceId) } });
  return { ...server, stop: async () => { await server.app.close(); await database.close(); } };
}

for (const kind of databaseKinds()) {
  t.test(`should resume every wait state after a restart, on ${kind}`, async (t) => {
    const open = await durableDatabase(t, kind);
    const invoiced: string[] = [];

    // Given an instance waiting in a user task, a job and a called child, with a join behind them
    let server = await boot(t, open, invoiced);
    let admin = await server.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    t.equal((await server.as(admin, { method: 'POST', url: '/api/deployments', payload: { name: 'orders', resources: [{ name: 'wait-states.bpmn', xml }] } })).statusCode, 201);
    const id = (await server.as(admin, { method: 'POST', url: '/api/process-definitions/key/order/start', payload: { variables: { order: 7 } } })).json().id as string;
    const child = (await server.as(admin, { method: 'GET', url: `/api/process-instances?parentInstanceId=${id}` })).json()[0];
    t.match(child, { processDefinitionKey: 'shipping', state: 'active' }, 'the call activity started its child');
    await server.stop();

    // When the server restarts (an empty definition cache) and each wait state is resumed
    server = await boot(t, open, invoiced);
    admin = await server.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const tasks = (await server.as(admin, { method: 'GET', url: '/api/tasks' })).json() as Array<{ id: string; taskDefinitionKey: string }>;
    t.same(tasks.map((task) => task.taskDefinitionKey).sort(), ['pack', 'review']);
    t.equal(await server.app.engine.runJobs(), 1, 'the job left waiting runs after the restart');
    t.same(invoiced, [id]);
    await server.stop();

    server = await boot(t, open, invoiced);
    admin = await server.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    for (const task of tasks) {
      t.equal((await server.as(admin, { method: 'POST', url: `/api/tasks/${task.id}/complete`, payload: { variables: { [`${task.taskDefinitionKey}Done`]: true } } })).statusCode, 204);
    }

    // Then the instance completes, with the child's variables and a complete history
    const done = (await server.as(admin, { method: 'GET', url: `/api/process-instances/${id}` })).json();
    t.match(done, { state: 'completed', variables: { order: 7, reviewDone: true, packDone: true } });
    t.equal((await server.as(admin, { method: 'GET', url: `/api/process-instances/${child.id}` })).json().state, 'completed');
    const history = (await server.as(admin, { method: 'GET', url: `/api/history/activity-instances?processInstanceId=${id}` })).json() as Array<{ activityId: string; calledProcessInstanceId?: string }>;
    t.same(history.map((h) => h.activityId), ['start', 'fork', 'review', 'invoice', 'ship', 'join', 'end'], 'the join activates once, when every token has arrived');
    t.equal(history.find((h) => h.activityId === 'ship')!.calledProcessInstanceId, child.id, 'the call activity names its child');
    await server.stop();
  });
}
