import type { AddressInfo } from 'node:net';
import t from 'tap';
import { browserSkipReason, buildUi, launchChromium } from '../helpers/browser.js';
import { openTestDatabase } from '../helpers/test-databases.js';
import { startTestApp, TEST_ADMIN } from '../helpers/test-app.js';

t.test('the web UI in a real browser', { skip: browserSkipReason() }, async (t) => {
  const uiDir = await buildUi();
  const database = await openTestDatabase('pglite');
  t.teardown(() => database.close());
  const server = await startTestApp(t, database, { uiDir });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  const rep = await server.userWithRoles(['rep'], 'Rita Rep');

  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));

  await t.test('should refuse a wrong password on the login page', async (t) => {
    await page.goto(url);
    await page.getByLabel('Email').fill(TEST_ADMIN.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    t.equal(await page.getByRole('alert').innerText(), 'Invalid email or password');
  });

  await t.test('should sign an admin in, show every section and go live', async (t) => {
    await page.getByLabel('Password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const status = page.getByTestId('ws-status');
    await status.filter({ hasText: 'live' }).waitFor({ timeout: 10_000 });
    t.equal(await status.innerText(), 'live', 'the websocket is authenticated');
    t.equal(await page.getByTestId('current-user-name').innerText(), 'Administrator');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const item of ['Inbox', 'Funnel', 'Customers', 'Approvals', 'Team', 'Dashboards', 'Modeler', 'Processes', 'Cockpit', 'Users']) {
      t.equal(await nav.getByRole('link', { name: item, exact: true }).count(), 1, `${item} in the navigation`);
    }
  });

  await t.test('should create a user on the Users page, stored on the server', async (t) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users', exact: true }).click();
    await page.getByLabel('Email').fill('mona.manager@test.local');
    await page.getByLabel('Name').fill('Mona Manager');
    await page.getByLabel('Password').fill('mona-password');
    await page.getByLabel('Manager').check();
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.locator('tr[data-email="mona.manager@test.local"]').waitFor();
    const stored = await database.db.selectFrom('users').select(['name', 'roles']).where('email', '=', 'mona.manager@test.local').executeTakeFirst();
    t.same(stored, { name: 'Mona Manager', roles: ['manager'] });
  });

  await t.test('should sign out and revoke the session', async (t) => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const sessions = await database.db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').select('users.email').execute();
    t.notOk(sessions.some((s) => s.email === TEST_ADMIN.email), 'no live session of the admin is left');
  });

  await t.test('should show a rep only the rep section', async (t) => {
    await page.getByLabel('Email').fill(rep.email);
    await page.getByLabel('Password').fill(rep.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('ws-status').filter({ hasText: 'live' }).waitFor({ timeout: 10_000 });
    const links = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
    t.same(links.map((l) => l.trim()), ['Inbox', 'Funnel', 'Customers']);
  });

  t.same(consoleErrors.filter((e) => !/401 \(Unauthorized\)/.test(e)), [], 'no errors in the browser console (the refused login logs a 401)');
});
