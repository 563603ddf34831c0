import type { AddressInfo } from 'node:net';
import t from 'tap';
import WebSocket from 'ws';
import { openPostgres } from '../../server/db/database.js';
import { createScratchDatabase, eachDatabase } from '../helpers/test-databases.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../helpers/test-app.js';

/** A real websocket client against a listening server, collecting what it receives. */
async function connect(server: TestApp, token: string | undefined) {
  const { port } = server.app.server.address() as AddressInfo;
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws`);
  const messages: Array<Record<string, unknown>> = [];
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify(token ? { type: 'auth', token } : { type: 'hello' }));
  const next = async (count: number) => {
    for (let i = 0; i < 200 && messages.length < count; i++) await new Promise((r) => setTimeout(r, 10));
    return messages;
  };
  return { socket, messages, next, closed };
}

t.test('live channel', async (t) => {
  eachDatabase(t, async (t, database) => {
    const server = await startTestApp(t, database);
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await server.signIn(TEST_ADMIN.email, TEST_ADMIN.password);

    await t.test('should greet an authenticated client and push events to its audience', async (t) => {
      const rep = await server.userWithRoles(['rep'], 'Rita');
      const repClient = await connect(server, rep.token);
      const adminClient = await connect(server, admin);
      t.match((await repClient.next(1))[0], { type: 'ready', user: { id: rep.id, roles: ['rep'], name: 'Rita' } });
      await adminClient.next(1);

      await server.app.realtime.publish({ type: 'task.created', taskId: 't1' }, { userIds: [rep.id] });
      await server.app.realtime.publish({ type: 'deployment.created', id: 'd1' }, { roles: ['designer'] });
      await server.app.realtime.publish({ type: 'announcement', text: 'hi' }, { all: true });
      t.same((await repClient.next(3)).slice(1).map((m) => m.type), ['task.created', 'announcement'], 'the rep gets his task and the broadcast');
      t.same((await adminClient.next(3)).slice(1).map((m) => m.type), ['deployment.created', 'announcement'], 'the admin gets the designers’ event and the broadcast');
      repClient.socket.close();
      adminClient.socket.close();
    });

    await t.test('should close with 4401 for a bad token or a first message that is not auth', async (t) => {
      for (const token of ['forged.123.abc', undefined]) {
        const client = await connect(server, token);
        t.equal(await client.closed, 4401);
        t.same(client.messages, []);
      }
    });

    await t.test('should deliver events published inside a transaction only after commit', async (t) => {
      const client = await connect(server, admin);
      await client.next(1);
      await database.db
        .transaction()
        .execute(async (trx) => {
          await server.app.realtime.publish({ type: 'never' }, { all: true }, trx);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      await database.db.transaction().execute((trx) => server.app.realtime.publish({ type: 'committed' }, { all: true }, trx));
      t.same((await client.next(2)).slice(1).map((m) => m.type), ['committed']);
      client.socket.close();
    });
  });
});

t.test('should fan events out across two server nodes sharing one PostgreSQL', { skip: process.env.DATABASE_URL ? false : 'needs DATABASE_URL' }, async (t) => {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL!);
  t.teardown(scratch.drop);
  // Each node has its own pool and its own LISTEN connection, as separate processes would.
  const nodeA = await startTestApp(t, openPostgres(scratch.url));
  const nodeB = await startTestApp(t, openPostgres(scratch.url));
  t.teardown(() => Promise.all([nodeA.database.close(), nodeB.database.close()]));
  await nodeB.app.listen({ port: 0, host: '127.0.0.1' });
  const token = await nodeA.signIn(TEST_ADMIN.email, TEST_ADMIN.password); // signed in on A, used on B
  const client = await connect(nodeB, token);
  t.match((await client.next(1))[0], { type: 'ready' });
  await nodeA.app.realtime.publish({ type: 'instance.completed', id: 'i1' }, { all: true });
  t.same((await client.next(2)).slice(1), [{ type: 'instance.completed', id: 'i1' }], 'an event published on node A reaches a client of node B');
  client.socket.close();
});
