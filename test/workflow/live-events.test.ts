import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import WebSocket from 'ws';
import { eachDatabase } from '../helpers/test-databases.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const xml = readFileSync(new URL('deal-approval.bpmn', import.meta.url), 'utf8');

async function listen(server: TestApp, token: string) {
  const { port } = server.app.server.address() as AddressInfo;
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws`);
  const messages: Array<Record<string, unknown>> = [];
  socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'auth', token }));
  const until = async (predicate: (m: Record<string, unknown>[]) => boolean) => {
    for (let i = 0; i < 200 && !predicate(messages); i++) await new Promise((r) => setTimeout(r, 10));
    return messages;
  };
  await until((m) => m.length > 0);
  return { socket, messages, until };
}

t.test('should tell the people concerned when tasks and instances change', async (t) => {
  eachDatabase(t, async (t, database) => {
    const server = await startTestApp(t, database);
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const designer = await server.userWithRoles(['designer']);
    const rep = await server.userWithRoles(['rep']);
    const other = await server.userWithRoles(['designer']);
    await server.as(designer.token, { method: 'POST', url: '/api/deployments', payload: { name: 'd', resources: [{ name: 'd.bpmn', xml }] } });
    const repSocket = await listen(server, rep.token);
    const designerSocket = await listen(server, other.token);

    const started = (await server.as(rep.token, { method: 'POST', url: '/api/process-definitions/key/deal-approval/start', payload: { variables: { amount: 1 } } })).json();
    const seen = await repSocket.until((m) => m.some((e) => e.type === 'task.changed'));
    t.match(seen.find((e) => e.type === 'task.changed'), { change: 'created', processInstanceId: started.id, taskId: String }, 'the rep hears of a task offered to his group');
    const designerSeen = await designerSocket.until((m) => m.some((e) => e.type === 'instance.changed'));
    t.match(designerSeen.find((e) => e.type === 'instance.changed'), { processInstanceId: started.id, state: 'active' }, 'designers hear of new instances');
    t.notOk(designerSeen.some((e) => e.type === 'task.changed'), 'a task for reps is not announced to designers');
    repSocket.socket.close();
    designerSocket.socket.close();
  });
});
