import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { assertAccessDeclared } from '../../server/plugins/access.plugin.js';
import { openTestDatabase } from '../helpers/test-databases.js';
import { startTestApp } from '../helpers/test-app.js';

const kind = process.env.DATABASE_URL ? 'postgres' : 'pglite';

t.test('should report health: database reachable and schema current', async (t) => {
  const database = await openTestDatabase(kind);
  t.teardown(() => database.close());
  const { app } = await startTestApp(t, database);
  const health = await app.inject({ method: 'GET', url: '/api/health' });
  t.equal(health.statusCode, 200);
  t.same(health.json(), { status: 'ok', database: { kind, reachable: true }, migrations: { current: true, pending: [] } });
});

t.test('should answer 503 when migrations are pending or the database is gone', async (t) => {
  const database = await openTestDatabase(kind);
  const { app } = await startTestApp(t, database);
  await database.db.deleteFrom('schema_migrations' as never).execute();
  const pending = await app.inject({ method: 'GET', url: '/api/health' });
  t.equal(pending.statusCode, 503);
  t.match(pending.json(), { status: 'unavailable', code: 'SRV_ERR_UNAVAILABLE', migrations: { current: false } });
  await database.close();
  const gone = await app.inject({ method: 'GET', url: '/api/health' });
  t.equal(gone.statusCode, 503);
  t.match(gone.json(), { status: 'unavailable', database: { reachable: false } });
});

t.test('HTTP surface', async (t) => {
  const database = await openTestDatabase(kind);
  t.teardown(() => database.close());
  const { app } = await startTestApp(t, database);

  await t.test('should publish an OpenAPI document with every API route and its UI', async (t) => {
    const spec = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    t.equal(spec.openapi, '3.1.0');
    for (const [route, method] of [['/api/auth/login', 'post'], ['/api/users', 'get'], ['/api/users/{id}', 'patch'], ['/api/health', 'get'], ['/api/me', 'get']] as const) {
      t.ok(spec.paths[route]?.[method], `${method.toUpperCase()} ${route} documented`);
    }
    t.same(spec.paths['/api/users'].get.security, [{ bearerAuth: [] }], 'protected routes say so');
    t.notOk(spec.paths['/api/auth/login'].post.security, 'login is public');
    const ui = await app.inject({ method: 'GET', url: '/api/docs/' });
    t.equal(ui.statusCode, 200);
    t.match(ui.headers['content-type'], /html/);
  });

  await t.test('should give every reply a request id, echoing one that is sent', async (t) => {
    const generated = await app.inject({ method: 'GET', url: '/api/health' });
    t.match(generated.headers['x-request-id'], /^[0-9a-f-]{36}$/);
    const echoed = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'trace-123' } });
    t.equal(echoed.headers['x-request-id'], 'trace-123');
  });

  await t.test('should answer unknown API routes with a JSON 404 in the catalog shape', async (t) => {
    const response = await app.inject({ method: 'GET', url: '/api/nothing-here?x=1' });
    t.equal(response.statusCode, 404);
    t.same(response.json(), { code: 'SRV_ERR_NOT_FOUND', message: 'No route GET /api/nothing-here' });
  });

  await t.test('should reject a non-JSON body with 415', async (t) => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: 'email=a', headers: { 'content-type': 'text/plain' } });
    t.equal(response.statusCode, 415);
    t.equal(response.json().code, 'SRV_ERR_UNSUPPORTED_MEDIA_TYPE');
  });
});

t.test('should refuse to start when an API route declares no access', async (t) => {
  t.throws(() => assertAccessDeclared({ method: 'GET', url: '/api/open-by-mistake' }), /Route GET \/api\/open-by-mistake declares no access/);
  t.doesNotThrow(() => assertAccessDeclared({ method: 'GET', url: '/api/declared', config: { access: 'authenticated' } }));
  t.doesNotThrow(() => assertAccessDeclared({ method: 'GET', url: '/api/docs/json' }), 'the OpenAPI UI is public by design');
  t.doesNotThrow(() => assertAccessDeclared({ method: 'GET', url: '/index.html' }), 'pages are public');
});

t.test('should serve the built UI with an SPA fallback and cache headers', async (t) => {
  const uiDir = await mkdtemp(path.join(tmpdir(), 'ff-ui-'));
  await mkdir(path.join(uiDir, 'assets'));
  await writeFile(path.join(uiDir, 'index.html'), '<!doctype html><title>Funnelflow</title>');
  await writeFile(path.join(uiDir, 'assets', 'app-1a2b.js'), 'console.log(1)');
  const database = await openTestDatabase(kind);
  t.teardown(() => database.close());
  const { app } = await startTestApp(t, database, { uiDir });
  const root = await app.inject({ method: 'GET', url: '/' });
  t.equal(root.statusCode, 200);
  t.match(root.body, /<title>Funnelflow/);
  t.equal(root.headers['cache-control'], 'no-cache');
  const deepLink = await app.inject({ method: 'GET', url: '/users/settings' });
  t.match(deepLink.body, /<title>Funnelflow/, 'a browser path gets index.html');
  const asset = await app.inject({ method: 'GET', url: '/assets/app-1a2b.js' });
  t.match(asset.headers['cache-control'], /immutable/);
  t.equal((await app.inject({ method: 'GET', url: '/api/unknown' })).statusCode, 404, 'API paths never fall back to the page');
});
