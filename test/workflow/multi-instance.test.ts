import { readFileSync } from 'node:fs';
import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startTestApp } from '../helpers/test-app.js';

const xml = readFileSync(new URL('multi-instance.bpmn', import.meta.url), 'utf8');

t.test('should persist one task and one history record per multi-instance iteration', async (t) => {
  eachDatabase(t, async (t, database) => {
    const server = await startTestApp(t, database);
    const designer = await server.userWithRoles(['designer']);
    await server.as(designer.token, { method: 'POST', url: '/api/deployments', payload: { name: 'mi', resources: [{ name: 'mi.bpmn', xml }] } });
    const { id } = (await server.as(designer.token, { method: 'POST', url: '/api/process-definitions/key/review-all/start', payload: { variables: { offers: ['a', 'b', 'c'] } } })).json();
    const tasks = (await server.as(designer.token, { method: 'GET', url: `/api/tasks?processInstanceId=${id}` })).json() as Array<{ id: string }>;
    t.equal(tasks.length, 3, 'one task per item');
    for (const [index, task] of tasks.entries()) {
      t.equal((await server.as(designer.token, { method: 'POST', url: `/api/tasks/${task.id}/complete`, payload: { variables: { verdict: `ok-${index}` } } })).statusCode, 204);
    }
    const instance = (await server.as(designer.token, { method: 'GET', url: `/api/process-instances/${id}` })).json();
    t.match(instance, { state: 'completed', variables: { verdicts: ['ok-0', 'ok-1', 'ok-2'] } }, 'the output collection is in item order');
    const history = (await server.as(designer.token, { method: 'GET', url: `/api/history/activity-instances?processInstanceId=${id}` })).json() as Array<{ activityId: string; loopCounter: number | null; endTime: string | null }>;
    t.same(history.map((h) => [h.activityId, h.loopCounter]), [['start', null], ['review', 1], ['review', 2], ['review', 3], ['end', null]]);
    t.ok(history.every((h) => h.endTime !== null), 'every record ended');
  });
});
