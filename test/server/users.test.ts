import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startTestApp, TEST_ADMIN } from '../helpers/test-app.js';

t.test('user administration', async (t) => {
  eachDatabase(t, async (t, database) => {
    const { app, signIn, as } = await startTestApp(t, database);
    const admin = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const userCount = async () => Number((await database.db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const newUser = { email: 'Rita.Rep@Test.local', name: 'Rita Rep', password: 'rita-password', roles: ['rep'] };

    await t.test('should create a user who can then sign in, storing only a hash', async (t) => {
      const created = await as(admin, { method: 'POST', url: '/api/users', payload: newUser });
      t.equal(created.statusCode, 201);
      t.match(created.json(), { id: String, email: 'rita.rep@test.local', name: 'Rita Rep', roles: ['rep'], active: true, createdAt: String });
      t.notOk('password' in created.json() || 'passwordHash' in created.json(), 'no password in the reply');
      const row = await database.db.selectFrom('users').select('password_hash').where('email', '=', 'rita.rep@test.local').executeTakeFirstOrThrow();
      t.match(row.password_hash, /^scrypt\$\d+\$\d+\$\d+\$/);
      t.notMatch(row.password_hash, /rita-password/);
      t.ok(await signIn('rita.rep@test.local', 'rita-password'));
    });

    await t.test('should refuse a duplicate e-mail with 409 and write nothing', async (t) => {
      const before = await userCount();
      const again = await as(admin, { method: 'POST', url: '/api/users', payload: { ...newUser, email: 'RITA.REP@test.local' } });
      t.equal(again.statusCode, 409);
      t.equal(again.json().code, 'SRV_ERR_CONFLICT');
      t.equal(await userCount(), before);
    });

    await t.test('should name the field that breaks the schema and write nothing', async (t) => {
      const before = await userCount();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ ...newUser, email: 'bob@test.local', roles: ['emperor'] }, 'body.roles.0'],
        [{ ...newUser, email: 'not-an-email' }, 'body.email'],
        [{ email: 'bob@test.local', name: 'Bob', roles: ['rep'] }, 'body.password'],
        [{ ...newUser, email: 'bob@test.local', password: 'short' }, 'body.password'],
        [{ ...newUser, email: 'bob@test.local', isBoss: true }, 'body.isBoss'],
      ];
      for (const [payload, field] of cases) {
        const response = await as(admin, { method: 'POST', url: '/api/users', payload });
        t.equal(response.statusCode, 400, field);
        t.equal(response.json().code, 'SRV_ERR_VALIDATION');
        t.equal(response.json().details.fields[0].field, field);
      }
      const malformed = await as(admin, { method: 'POST', url: '/api/users', payload: '{"email": "bob@', headers: { 'content-type': 'application/json' } });
      t.equal(malformed.statusCode, 400);
      t.equal(malformed.json().code, 'SRV_ERR_BAD_JSON');
      t.equal(await userCount(), before);
    });

    await t.test('should list, search and page users by e-mail', async (t) => {
      for (const n of [1, 2, 3]) {
        await as(admin, { method: 'POST', url: '/api/users', payload: { email: `pager${n}@test.local`, name: `Pager ${n}`, password: 'pager-password', roles: ['rep'] } });
      }
      const first = (await as(admin, { method: 'GET', url: '/api/users?q=pager&limit=2' })).json();
      t.same(first.items.map((u: { email: string }) => u.email), ['pager1@test.local', 'pager2@test.local']);
      t.equal(first.nextCursor, 'pager2@test.local');
      const second = (await as(admin, { method: 'GET', url: `/api/users?q=pager&limit=2&after=${first.nextCursor}` })).json();
      t.same(second.items.map((u: { email: string }) => u.email), ['pager3@test.local']);
      t.equal(second.nextCursor, null);
      const bad = await as(admin, { method: 'GET', url: '/api/users?limit=0' });
      t.equal(bad.statusCode, 400);
      t.equal(bad.json().details.fields[0].field, 'querystring.limit');
    });

    await t.test('should change roles, name and password', async (t) => {
      const rita = (await as(admin, { method: 'GET', url: '/api/users?q=rita' })).json().items[0];
      const changed = await as(admin, { method: 'PATCH', url: `/api/users/${rita.id}`, payload: { roles: ['rep', 'manager'], name: 'Rita Manager', password: 'rita-new-password' } });
      t.equal(changed.statusCode, 200);
      t.match(changed.json(), { name: 'Rita Manager', roles: ['rep', 'manager'] });
      t.ok(await signIn(rita.email, 'rita-new-password'));
      t.equal((await as(admin, { method: 'PATCH', url: `/api/users/${rita.id}`, payload: {} })).statusCode, 400, 'an empty change is refused');
      t.equal((await as(admin, { method: 'GET', url: '/api/users/00000000-0000-4000-8000-000000000000' })).statusCode, 404);
      t.equal((await as(admin, { method: 'GET', url: '/api/users/not-a-uuid' })).statusCode, 400);
    });

    await t.test('should never leave the installation without an active admin', async (t) => {
      const me = (await as(admin, { method: 'GET', url: '/api/me' })).json();
      const self = await as(admin, { method: 'PATCH', url: `/api/users/${me.id}`, payload: { active: false } });
      t.equal(self.statusCode, 409, 'an admin cannot deactivate themselves');
      const second = await as(admin, { method: 'POST', url: '/api/users', payload: { email: 'second-admin@test.local', name: 'Second', password: 'second-password', roles: ['admin'] } });
      const secondToken = await signIn('second-admin@test.local', 'second-password');
      t.equal((await as(secondToken, { method: 'PATCH', url: `/api/users/${me.id}`, payload: { roles: ['rep'] } })).statusCode, 200, 'another admin may demote the first');
      const last = await as(admin, { method: 'GET', url: '/api/me' });
      t.same(last.json().roles, ['rep']);
      const demoteLast = await as(secondToken, { method: 'PATCH', url: `/api/users/${second.json().id}`, payload: { roles: ['rep'] } });
      t.equal(demoteLast.statusCode, 409);
      t.match(demoteLast.json().message, /your own admin role/);
    });
  });
});
