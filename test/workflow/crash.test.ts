import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { createScratchDatabase, databaseKinds } from '../helpers/test-databases.js';
import { listeningUrl, signInAsDefaultAdmin, spawnServer } from '../helpers/server-process.js';

const xml = readFileSync(new URL('two-tasks.bpmn', import.meta.url), 'utf8');

for (const kind of databaseKinds()) {
  t.test(`should lose nothing acknowledged and do nothing twice when the server is killed, on ${kind}`, async (t) => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'ff-crash-')), 'data');
    let databaseUrl: string | undefined;
    if (kind === 'postgres') {
      const scratch = await createScratchDatabase(process.env.DATABASE_URL!);
      t.teardown(scratch.drop);
      databaseUrl = scratch.url;
    }
    const boot = async () => {
      const server = spawnServer({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
      t.teardown(() => void server.child.kill('SIGKILL'));
      const url = await listeningUrl(server);
      const token = await signInAsDefaultAdmin(url);
      // Replies are read loosely here: the checks below name what they expect.
      const call = async (method: string, route: string, body?: unknown): Promise<{ status: number; body: any }> => {
        const response = await fetch(`${url}${route}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        return { status: response.status, body: response.status === 204 ? null : await response.json() };
      };
      return { server, call };
    };

    // Given a server under load: workers start instances and complete their two tasks
    let { server, call } = await boot();
    t.equal((await call('POST', '/api/deployments', { name: 'crash', resources: [{ name: 'two-tasks.bpmn', xml }] })).status, 201);
    const started = new Set<string>();
    const completed = new Set<string>();
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const instance = await call('POST', '/api/process-definitions/key/two-tasks/start', { variables: { n: 1 } });
          if (instance.status !== 201) continue;
          started.add(instance.body.id);
          for (let step = 0; step < 2 && !stop; step++) {
            const [task] = (await call('GET', `/api/tasks?processInstanceId=${instance.body.id}`)).body;
            if ((await call('POST', `/api/tasks/${task.id}/complete`, { variables: { [`step${step}`]: true } })).status === 204) completed.add(task.id);
          }
        } catch {
          return; // the server is gone
        }
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    await new Promise((r) => setTimeout(r, 2500));

    // When it is killed mid-flight
    server.child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    await server.exited;
    t.ok(started.size > 5, `work was acknowledged before the kill (${started.size} starts, ${completed.size} completions)`);

    // Then after a restart every acknowledged change is there and every instance is consistent
    ({ server, call } = await boot());
    const instances = (await call('GET', '/api/process-instances?processDefinitionKey=two-tasks&limit=1000')).body as Array<{ id: string }>;
    const known = new Set(instances.map((i) => i.id));
    t.same([...started].filter((id) => !known.has(id)), [], 'every acknowledged start survived');
    for (const taskId of completed) {
      const task = (await call('GET', `/api/tasks/${taskId}`)).body;
      if (task.state !== 'completed') t.fail(`acknowledged completion of ${taskId} was lost (${task.state})`);
    }
    let inconsistent = 0;
    for (const { id } of instances) {
      const instance = (await call('GET', `/api/process-instances/${id}`)).body;
      const tasks = (await call('GET', `/api/tasks?processInstanceId=${id}`)).body as Array<{ taskDefinitionKey: string }>;
      const history = (await call('GET', `/api/history/activity-instances?processInstanceId=${id}`)).body as Array<{ activityId: string; endTime: string | null }>;
      const waitingIn = instance.activeElements.map((e: { elementId: string }) => e.elementId).sort();
      const ids = history.map((h) => h.activityId);
      const consistent =
        JSON.stringify(tasks.map((task) => task.taskDefinitionKey).sort()) === JSON.stringify(waitingIn) &&
        JSON.stringify(history.filter((h) => h.endTime === null).map((h) => h.activityId).sort()) === JSON.stringify(waitingIn) &&
        new Set(ids).size === ids.length;
      if (!consistent) inconsistent += 1;
      // Finish what is left: the instance must complete normally after the crash.
      for (const task of (await call('GET', `/api/tasks?processInstanceId=${id}`)).body as Array<{ id: string }>) await call('POST', `/api/tasks/${task.id}/complete`, {});
      for (const task of (await call('GET', `/api/tasks?processInstanceId=${id}`)).body as Array<{ id: string }>) await call('POST', `/api/tasks/${task.id}/complete`, {});
    }
    t.equal(inconsistent, 0, `tasks, history and state agree for all ${instances.length} instances, each element ran once`);
    const open = (await call('GET', '/api/process-instances?processDefinitionKey=two-tasks&state=active&limit=1000')).body;
    t.same(open, [], 'every instance completes after the restart');
    server.child.kill('SIGTERM');
    await server.exited;
  });
}
