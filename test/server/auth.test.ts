import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startTestApp, TEST_ADMIN } from '../helpers/test-app.js';

t.test('sign-in, sessions and access', async (t) => {
  eachDatabase(t, async (t, database) => {
    const { app, signIn, userWithRoles, as } = await startTestApp(t, database);
    const sessions = async () => Number((await database.db.selectFrom('sessions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    await t.test('should sign in with the right password and return a signed, expiring token', async (t) => {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: TEST_ADMIN });
      t.equal(response.statusCode, 200);
      const body = response.json();
      t.match(body, { token: /^[\w-]+\.\d+\.[\w-]+$/, user: { email: TEST_ADMIN.email, roles: ['admin'] } });
      t.ok(new Date(body.expiresAt).getTime() > Date.now() + 3500_000, 'expires after the configured lifetime');
    });

    await t.test('should reject a wrong password or an unknown e-mail with 401 and write nothing', async (t) => {
      const before = await sessions();
      for (const payload of [
        { email: TEST_ADMIN.email, password: 'wrong-password' },
        { email: 'nobody@test.local', password: TEST_ADMIN.password },
      ]) {
        const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload });
        t.equal(response.statusCode, 401);
        t.same(response.json(), { code: 'SRV_ERR_INVALID_CREDENTIALS', message: 'Invalid email or password' });
      }
      t.equal(await sessions(), before, 'no session was created');
    });

    await t.test('should treat the e-mail case-insensitively', async (t) => {
      const token = await signIn(TEST_ADMIN.email.toUpperCase(), TEST_ADMIN.password);
      t.ok(token);
    });

    await t.test('should answer 401 without a token, with a forged one, or a tampered one', async (t) => {
      const token = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
      const [id, expires, signature] = token.split('.') as [string, string, string];
      const variants: Array<string | undefined> = [undefined, 'garbage', `${id}.${Number(expires) + 1000}.${signature}`, `${id}x.${expires}.${signature}`];
      for (const variant of variants) {
        const response = await app.inject({ method: 'GET', url: '/api/me', headers: variant ? { authorization: `Bearer ${variant}` } : {} });
        t.equal(response.statusCode, 401, `token ${variant ?? '(none)'}`);
        t.equal(response.json().code, 'SRV_ERR_UNAUTHENTICATED');
      }
    });

    await t.test('should tell who is signed in and revoke the token on logout', async (t) => {
      const token = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
      const me = await as(token, { method: 'GET', url: '/api/me' });
      t.match(me.json(), { email: TEST_ADMIN.email, name: 'Administrator', roles: ['admin'] });
      t.equal((await as(token, { method: 'POST', url: '/api/auth/logout' })).statusCode, 204);
      t.equal((await as(token, { method: 'GET', url: '/api/me' })).statusCode, 401, 'the token is dead after logout');
    });

    await t.test('should refuse an expired session even with a valid signature', async (t) => {
      const token = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
      await database.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).execute();
      t.equal((await as(token, { method: 'GET', url: '/api/me' })).statusCode, 401);
    });

    await t.test('should forbid a rep an admin route with 403 and change nothing', async (t) => {
      const rep = await userWithRoles(['rep']);
      const list = await as(rep.token, { method: 'GET', url: '/api/users' });
      t.equal(list.statusCode, 403);
      t.equal(list.json().code, 'SRV_ERR_FORBIDDEN');
      const create = await as(rep.token, { method: 'POST', url: '/api/users', payload: { email: 'x@test.local', name: 'X', password: 'password-1', roles: ['admin'] } });
      t.equal(create.statusCode, 403);
      t.notOk(await database.db.selectFrom('users').select('id').where('email', '=', 'x@test.local').executeTakeFirst(), 'no user written');
    });

    await t.test('should refuse a deactivated user at sign-in and end their sessions', async (t) => {
      const rep = await userWithRoles(['rep']);
      const admin = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
      t.equal((await as(admin, { method: 'PATCH', url: `/api/users/${rep.id}`, payload: { active: false } })).statusCode, 200);
      t.equal((await as(rep.token, { method: 'GET', url: '/api/me' })).statusCode, 401, 'old session ended');
      const again = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: rep.email, password: rep.password } });
      t.equal(again.statusCode, 401);
    });

    await t.test('should change the own password, keeping this session and ending the others', async (t) => {
      const rep = await userWithRoles(['rep']);
      const other = await signIn(rep.email, rep.password);
      const wrong = await as(rep.token, { method: 'PUT', url: '/api/me/password', payload: { currentPassword: 'nope', newPassword: 'new-password-1' } });
      t.equal(wrong.statusCode, 401);
      const changed = await as(rep.token, { method: 'PUT', url: '/api/me/password', payload: { currentPassword: rep.password, newPassword: 'new-password-1' } });
      t.equal(changed.statusCode, 204);
      t.equal((await as(rep.token, { method: 'GET', url: '/api/me' })).statusCode, 200, 'this session lives');
      t.equal((await as(other, { method: 'GET', url: '/api/me' })).statusCode, 401, 'other sessions ended');
      t.ok(await signIn(rep.email, 'new-password-1'));
    });
  });
});

t.test('should rate-limit sign-in attempts per address and e-mail', async (t) => {
  eachDatabase(t, async (t, database) => {
    const { app } = await startTestApp(t, database, { loginRateLimit: 3 });
    const attempt = (email: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'wrong-password' } });
    for (let i = 0; i < 3; i++) t.equal((await attempt('victim@test.local')).statusCode, 401);
    const limited = await attempt('victim@test.local');
    t.equal(limited.statusCode, 429);
    t.equal(limited.json().code, 'SRV_ERR_RATE_LIMITED');
    t.equal((await attempt('someone-else@test.local')).statusCode, 401, 'another account is not locked out');
  });
});
