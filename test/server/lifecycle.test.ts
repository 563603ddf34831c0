import type { AddressInfo } from 'node:net';
import t from 'tap';
import { buildApp } from '../../server/app.js';
import { deleteExpiredSessions } from '../../server/auth/sessions.repository.js';
import { prepareDatabase } from '../../server/bootstrap.js';
import { createLogger } from '../../server/logger.js';
import { eachDatabase, openTestDatabase } from '../helpers/test-databases.js';
import { startTestApp, TEST_ADMIN } from '../helpers/test-app.js';

t.test('should let in-flight requests finish on shutdown and refuse new ones', async (t) => {
  const database = await openTestDatabase(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  t.teardown(() => database.close());
  const log = createLogger('silent');
  const { tokenSecret } = await prepareDatabase(database, { adminEmail: TEST_ADMIN.email, adminPassword: TEST_ADMIN.password, secret: undefined }, log);
  const app = await buildApp({ config: { tokenTtlSeconds: 60, loginRateLimit: 5, uiDir: undefined, logLevel: 'silent' }, database, tokenSecret, logger: log });
  let started!: () => void;
  const inFlight = new Promise<void>((resolve) => (started = resolve));
  app.get('/api/slow-for-test', { config: { access: 'public' } }, async () => {
    started();
    await new Promise((r) => setTimeout(r, 300));
    return { finished: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const slow = fetch(`${url}/api/slow-for-test`).then(async (r) => ({ status: r.status, body: await r.json() }));
  await inFlight;
  const closing = app.close();
  t.same(await slow, { status: 200, body: { finished: true } }, 'the request under way completes');
  await closing;
  await t.rejects(fetch(`${url}/api/health`), 'the server no longer accepts connections');
});

t.test('should sweep expired sessions and keep live ones', async (t) => {
  eachDatabase(t, async (t, database) => {
    const { signIn, as } = await startTestApp(t, database);
    const live = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const stale = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    await database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', stale.split('.')[0]!).execute();
    t.equal(await deleteExpiredSessions(database.db), 1);
    t.equal((await as(live, { method: 'GET', url: '/api/me' })).statusCode, 200);
    t.equal(await deleteExpiredSessions(database.db), 0);
  });
});
