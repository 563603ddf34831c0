import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { openPostgres } from '../../server/db/database.js';
import { createScratchDatabase, eachDatabase } from '../helpers/test-databases.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../helpers/test-app.js';

const xml = readFileSync(new URL('external-task.bpmn', import.meta.url), 'utf8');
const TOPIC = 'test:charge';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface LockedTask {
  id: string;
  topicName: string;
  workerId: string;
  lockExpirationTime: string;
  retries: number;
  errorMessage: string | null;
  processInstanceId: string;
  businessKey: string | null;
  activityId: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

/** The external-task calls of one signed-in worker account against one node. */
function client(server: TestApp, token: string) {
  let keys = 0;
  const call = (url: string, payload?: object) => server.as(token, { method: 'POST', url, ...(payload ? { payload } : {}) });
  return {
    async deploy() {
      const response = await server.as(token, { method: 'POST', url: '/api/deployments', payload: { name: 'charge', resources: [{ name: 'charge.bpmn', xml }] } });
      if (response.statusCode !== 201) throw new Error(`deploy failed: ${response.body}`);
    },
    /** Starts an instance under a fresh business key; fetches filter on it so tests stay apart. */
    async start(variables: Record<string, unknown> = {}) {
      const businessKey = `order-${process.pid}-${++keys}-${Math.random().toString(36).slice(2)}`;
      const response = await server.as(token, { method: 'POST', url: '/api/process-definitions/key/charge-card/start', payload: { variables, businessKey } });
      if (response.statusCode !== 201) throw new Error(`start failed: ${response.body}`);
      return { id: response.json<{ id: string }>().id, businessKey };
    },
    fetch: (workerId: string, topic: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      call('/api/external-tasks/fetch-and-lock', { workerId, maxTasks: 10, topics: [{ topicName: TOPIC, lockDuration: 60_000, ...topic }], ...extra }),
    async fetchTasks(workerId: string, topic: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<LockedTask[]> {
      const response = await this.fetch(workerId, topic, extra);
      if (response.statusCode !== 200) throw new Error(`fetch failed: ${response.statusCode} ${response.body}`);
      return response.json();
    },
    complete: (id: string, workerId: string, variables?: object) => call(`/api/external-tasks/${id}/complete`, { workerId, ...(variables ? { variables } : {}) }),
    failure: (id: string, body: object) => call(`/api/external-tasks/${id}/failure`, body),
    bpmnError: (id: string, body: object) => call(`/api/external-tasks/${id}/bpmn-error`, body),
    extendLock: (id: string, workerId: string, newDuration: number) => call(`/api/external-tasks/${id}/extend-lock`, { workerId, newDuration }),
    unlock: (id: string) => call(`/api/external-tasks/${id}/unlock`),
    instance: async (id: string) => (await server.as(token, { method: 'GET', url: `/api/process-instances/${id}` })).json(),
  };
}

/** Waits (up to 5 s) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await sleep(10);
}

t.test('external tasks', async (t) => {
  eachDatabase(t, async (t, database) => {
    const server = await startTestApp(t, database);
    const admin = await server.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const api = client(server, admin);
    await api.deploy();

    await t.test('should lock fetched tasks with their variables and headers, and give them to nobody else', async (t) => {
      const { id, businessKey } = await api.start({ amount: 42, card: '4242', customer: 'Acme' });
      const fetched = await api.fetchTasks('worker-1', { businessKey, variables: ['amount', 'card', 'missing'] });
      t.equal(fetched.length, 1);
      t.match(fetched[0], {
        topicName: TOPIC, workerId: 'worker-1', retries: 3, errorMessage: null, processInstanceId: id, businessKey,
        processDefinitionKey: 'charge-card', processDefinitionId: 'charge-card:1', activityId: 'charge', activityInstanceId: String, headers: { gateway: 'stripe' },
      });
      t.same(fetched[0]!.variables, { amount: 42, card: '4242' }, 'only the variables asked for');
      const lockedFor = Date.parse(fetched[0]!.lockExpirationTime) - Date.now();
      t.ok(lockedFor > 55_000 && lockedFor <= 61_000, `locked for the lock duration (${lockedFor} ms)`);
      t.same(await api.fetchTasks('worker-2', { businessKey }), [], 'a second worker gets nothing while it is locked');

      const listed = await server.as(admin, { method: 'GET', url: `/api/external-tasks?workerId=worker-1&locked=true&topicName=${TOPIC}` });
      t.match(listed.json(), [{ id: fetched[0]!.id, workerId: 'worker-1', state: 'locked', locked: true, processInstanceId: id }]);
    });

    await t.test('should advance the instance when the worker completes, and only that worker', async (t) => {
      const { id, businessKey } = await api.start({ amount: 10 });
      const [task] = await api.fetchTasks('worker-1', { businessKey });
      const other = await api.complete(task!.id, 'worker-2');
      t.equal(other.statusCode, 409);
      t.equal(other.json().code, 'ENG_ERR_JOB_LOCKED_BY_OTHER');
      const done = await api.complete(task!.id, 'worker-1', { charged: true, receipt: { no: 7 } });
      t.equal(done.statusCode, 204);
      t.match(await api.instance(id), { state: 'completed', variables: { amount: 10, charged: true, receipt: { no: 7 } } });
      const again = await api.complete(task!.id, 'worker-1');
      t.equal(again.statusCode, 404, 'a second completion finds no job');
      t.equal(again.json().code, 'ENG_ERR_JOB_NOT_FOUND');
    });

    await t.test('should let a failed task with retries left be fetched again after its retry timeout', async (t) => {
      const { businessKey } = await api.start();
      const [task] = await api.fetchTasks('worker-1', { businessKey });
      const failed = await api.failure(task!.id, { workerId: 'worker-1', errorMessage: 'gateway timeout', errorDetails: 'stack…', retries: 2, retryTimeout: 600 });
      t.equal(failed.statusCode, 204);
      t.same(await api.fetchTasks('worker-1', { businessKey }), [], 'not fetchable during the retry timeout');
      await sleep(700);
      const [retried] = await api.fetchTasks('worker-2', { businessKey });
      t.match(retried, { id: task!.id, retries: 2, errorMessage: 'gateway timeout', workerId: 'worker-2' }, 'fetchable after it');
    });

    await t.test('should raise an incident when a failure leaves no retries', async (t) => {
      const { id, businessKey } = await api.start();
      const [task] = await api.fetchTasks('worker-1', { businessKey });
      t.equal((await api.failure(task!.id, { workerId: 'worker-1', errorMessage: 'card declined', retries: 0 })).statusCode, 204);
      const incidents = (await server.as(admin, { method: 'GET', url: `/api/incidents?processInstanceId=${id}` })).json();
      t.match(incidents, [{ processInstanceId: id, elementId: 'charge', errorType: 'JOB_NO_RETRIES', message: 'card declined', jobKey: task!.id }]);
      t.equal((await api.instance(id)).state, 'incident');
      t.same(await api.fetchTasks('worker-1', { businessKey }), [], 'a task in incident is not fetched');
      const late = await api.complete(task!.id, 'worker-1');
      t.equal(late.statusCode, 409);
      t.equal(late.json().code, 'ENG_ERR_JOB_NOT_ACTIVATABLE');
    });

    await t.test('should raise an incident for a BPMN error nothing catches', async (t) => {
      const { id, businessKey } = await api.start();
      const [task] = await api.fetchTasks('worker-1', { businessKey });
      const thrown = await api.bpmnError(task!.id, { workerId: 'worker-1', errorCode: 'CARD_EXPIRED', errorMessage: 'expired 2024-01', variables: { reason: 'expired' } });
      t.equal(thrown.statusCode, 204);
      t.equal((await api.instance(id)).state, 'incident');
      const incidents = (await server.as(admin, { method: 'GET', url: `/api/incidents?processInstanceId=${id}` })).json();
      t.match(incidents, [{ errorType: 'UNHANDLED_ERROR_EVENT', message: /CARD_EXPIRED/ }]);
    });

    await t.test('should extend a lock for its holder only', async (t) => {
      const { id, businessKey } = await api.start();
      const [task] = await api.fetchTasks('worker-1', { businessKey, lockDuration: 300 });
      const stranger = await api.extendLock(task!.id, 'worker-2', 60_000);
      t.equal(stranger.statusCode, 409);
      t.equal(stranger.json().code, 'ENG_ERR_JOB_LOCKED_BY_OTHER');
      const extended = await api.extendLock(task!.id, 'worker-1', 60_000);
      t.equal(extended.statusCode, 200);
      t.ok(Date.parse(extended.json().lockExpirationTime) - Date.now() > 55_000, 'the lock runs out a minute from now');
      await sleep(400);
      t.same(await api.fetchTasks('worker-2', { businessKey }), [], 'past the first duration nobody else gets it');
      t.equal((await api.complete(task!.id, 'worker-1')).statusCode, 204);
      t.equal((await api.instance(id)).state, 'completed');
      t.equal((await api.extendLock(task!.id, 'worker-1', 1000)).statusCode, 404, 'a finished task has no lock to extend');
    });

    await t.test('should refuse a report under an expired lock, and hand the task to the next worker', async (t) => {
      const { id, businessKey } = await api.start();
      const [task] = await api.fetchTasks('worker-1', { businessKey, lockDuration: 200 });
      await sleep(300);
      const expired = await api.complete(task!.id, 'worker-1');
      t.equal(expired.statusCode, 409, 'even though nobody took it yet');
      t.equal(expired.json().code, 'ENG_ERR_JOB_LOCK_EXPIRED');
      t.equal((await api.extendLock(task!.id, 'worker-1', 60_000)).json().code, 'ENG_ERR_JOB_LOCK_EXPIRED', 'nor can it extend the lock');
      const [taken] = await api.fetchTasks('worker-2', { businessKey });
      t.equal(taken?.id, task!.id, 'another worker fetches it');
      t.equal((await api.complete(task!.id, 'worker-1')).json().code, 'ENG_ERR_JOB_LOCKED_BY_OTHER');
      t.equal((await api.complete(task!.id, 'worker-2')).statusCode, 204);
      t.equal((await api.instance(id)).state, 'completed');
    });

    await t.test('should let an administrator unlock a task for the next worker', async (t) => {
      const { businessKey } = await api.start();
      const [task] = await api.fetchTasks('worker-1', { businessKey });
      t.equal((await api.unlock(task!.id)).statusCode, 204);
      t.equal((await api.unlock(task!.id)).statusCode, 204, 'unlocking twice changes nothing');
      const [again] = await api.fetchTasks('worker-2', { businessKey });
      t.equal(again?.id, task!.id);
      t.equal((await api.complete(task!.id, 'worker-1')).json().code, 'ENG_ERR_JOB_LOCKED_BY_OTHER');
      t.equal((await api.unlock('no-such-task')).statusCode, 404);
    });

    await t.test('should answer a long poll as soon as a job appears, and [] at its timeout', async (t) => {
      const started = Date.now();
      const empty = await api.fetchTasks('worker-1', { topicName: 'test:nobody' }, { asyncResponseTimeout: 300 });
      const waited = Date.now() - started;
      t.same(empty, []);
      t.ok(waited >= 290 && waited < 3000, `answered at the timeout (${waited} ms)`);

      const businessKey = `poll-${Math.random().toString(36).slice(2)}`;
      const polling = api.fetchTasks('worker-1', { businessKey }, { asyncResponseTimeout: 20_000 });
      await until(() => server.app.jobWakeups.waiting === 1);
      t.equal(server.app.jobWakeups.waiting, 1, 'the poll waits');
      const before = Date.now();
      const response = await server.as(admin, { method: 'POST', url: '/api/process-definitions/key/charge-card/start', payload: { businessKey } });
      const tasks = await polling;
      const latency = Date.now() - before;
      t.equal(tasks.length, 1);
      t.equal(tasks[0]!.processInstanceId, response.json().id);
      t.ok(latency < 2000, `woken by the new job well before the timeout (${latency} ms)`);
      t.equal(server.app.jobWakeups.waiting, 0);
    });

    await t.test('should answer a long poll when a failed task’s retry timeout ends', async (t) => {
      const { businessKey } = await api.start();
      const [task] = await api.fetchTasks('worker-1', { businessKey });
      await api.failure(task!.id, { workerId: 'worker-1', retries: 1, retryTimeout: 500 });
      const started = Date.now();
      const [retried] = await api.fetchTasks('worker-1', { businessKey }, { asyncResponseTimeout: 10_000 });
      const waited = Date.now() - started;
      t.equal(retried?.id, task!.id);
      t.ok(waited < 2500, `woken when the job became due (${waited} ms)`);
    });

    await t.test('should refuse bad requests and callers who are not workers', async (t) => {
      const twice = await api.fetch('worker-1', {}, { topics: [{ topicName: TOPIC, lockDuration: 1000 }, { topicName: TOPIC, lockDuration: 2000 }] });
      t.equal(twice.statusCode, 400);
      t.match(twice.json(), { code: 'SRV_ERR_VALIDATION', details: { fields: [{ field: 'body.topics.1.topicName' }] } });
      const tooLong = await api.fetch('worker-1', {}, { asyncResponseTimeout: 60_001 });
      t.equal(tooLong.statusCode, 400);
      t.match(tooLong.json().details.fields, [{ field: 'body.asyncResponseTimeout' }]);
      const noDuration = await server.as(admin, { method: 'POST', url: '/api/external-tasks/fetch-and-lock', payload: { workerId: 'w', maxTasks: 1, topics: [{ topicName: TOPIC }] } });
      t.match(noDuration.json(), { code: 'SRV_ERR_VALIDATION', details: { fields: [{ field: 'body.topics.0.lockDuration' }] } });
      const noRetries = await api.failure('x', { workerId: 'w' });
      t.match(noRetries.json(), { code: 'SRV_ERR_VALIDATION', details: { fields: [{ field: 'body.retries' }] } });
      const rep = await server.userWithRoles(['rep']);
      t.equal((await client(server, rep.token).fetch('w', {})).statusCode, 403, 'reps are not workers');
      t.equal((await server.as(rep.token, { method: 'GET', url: '/api/external-tasks' })).statusCode, 403);
      const manager = await server.userWithRoles(['manager']);
      t.equal((await server.as(manager.token, { method: 'GET', url: '/api/external-tasks' })).statusCode, 200, 'managers may look at the queue');
      const worker = await server.userWithRoles(['integration']);
      t.equal((await client(server, worker.token).fetch('w', {})).statusCode, 200, 'an integration account is a worker without admin rights');
      t.equal((await server.as(worker.token, { method: 'POST', url: '/api/external-tasks/x/unlock' })).statusCode, 403, 'but only admins release others’ locks');
      t.equal((await server.as(worker.token, { method: 'GET', url: '/api/users' })).statusCode, 403);
      const spec = (await server.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      for (const path of ['/api/external-tasks/fetch-and-lock', '/api/external-tasks/{id}/failure', '/api/external-tasks']) t.ok(spec.paths[path], `${path} is documented`);
    });

    await t.test('should page through the queue with a cursor', async (t) => {
      const keys = [await api.start(), await api.start(), await api.start()].map((s) => s.id);
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 50; page++) {
        const response = await server.as(admin, { method: 'GET', url: `/api/external-tasks?topicName=${TOPIC}&limit=2${after ? `&after=${after}` : ''}` });
        const items = response.json<Array<{ id: string; processInstanceId: string }>>();
        t.ok(items.length <= 2);
        seen.push(...items.map((i) => i.processInstanceId));
        after = response.headers['x-next-cursor'] as string | undefined;
        if (!after) break;
      }
      t.equal(new Set(seen).size, seen.length, 'no task twice');
      for (const id of keys) t.ok(seen.includes(id), `instance ${id} listed`);
    });

    await t.test('should release a long poll when its client goes away, and all of them when the server closes', async (t) => {
      await server.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = server.app.server.address() as AddressInfo;
      // A plain request without keep-alive: the client going away is this socket closing.
      const body = JSON.stringify({ workerId: 'w', maxTasks: 1, asyncResponseTimeout: 30_000, topics: [{ topicName: 'test:nobody', lockDuration: 1000 }] });
      const request = http.request({
        host: '127.0.0.1', port, method: 'POST', path: '/api/external-tasks/fetch-and-lock', agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${admin}` },
      });
      const ended = new Promise((resolve) => request.on('close', () => resolve('closed')));
      request.on('error', () => undefined);
      request.end(body);
      await until(() => server.app.jobWakeups.waiting === 1);
      t.equal(server.app.jobWakeups.waiting, 1);
      request.destroy();
      t.equal(await ended, 'closed');
      await until(() => server.app.jobWakeups.waiting === 0);
      t.equal(server.app.jobWakeups.waiting, 0, 'the disconnected poll stopped waiting');

      const pending = api.fetchTasks('w', { topicName: 'test:nobody' }, { asyncResponseTimeout: 30_000 });
      await until(() => server.app.jobWakeups.waiting === 1);
      const closing = Date.now();
      await server.app.close();
      t.same(await pending, [], 'the waiting poll answers []');
      t.ok(Date.now() - closing < 2000, 'and the server closes without waiting for its timeout');
    });
  });
});

t.test('a long poll on one node wakes when another node creates a job', { skip: process.env.DATABASE_URL ? false : 'needs DATABASE_URL' }, async (t) => {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL!);
  t.teardown(scratch.drop);
  const nodeA = await startTestApp(t, openPostgres(scratch.url));
  const nodeB = await startTestApp(t, openPostgres(scratch.url));
  t.teardown(() => Promise.all([nodeA.database.close(), nodeB.database.close()]));
  const onA = client(nodeA, await nodeA.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
  const onB = client(nodeB, await nodeB.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
  await onB.deploy();

  const polling = onA.fetchTasks('worker-a', {}, { asyncResponseTimeout: 20_000 });
  await until(() => nodeA.app.jobWakeups.waiting === 1);
  const before = Date.now();
  const { id } = await onB.start({ amount: 5 });
  const tasks = await polling;
  const latency = Date.now() - before;
  t.equal(tasks.length, 1);
  t.match(tasks[0], { processInstanceId: id, workerId: 'worker-a', variables: { amount: 5 } });
  t.ok(latency < 2000, `node A woke well before the timeout (${latency} ms)`);
  t.equal((await onA.complete(tasks[0]!.id, 'worker-a')).statusCode, 204);
  t.equal((await onB.instance(id)).state, 'completed', 'node B sees the completion');
});
