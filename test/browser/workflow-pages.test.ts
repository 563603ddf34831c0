import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import t from 'tap';
import { browserSkipReason, buildUi, launchChromium } from '../helpers/browser.js';
import { openTestDatabase } from '../helpers/test-databases.js';
import { startTestApp } from '../helpers/test-app.js';

const REVIEW_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://funnelflow.dev/test">
  <bpmn:process id="deal-review" name="Deal review" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review the deal">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="rep" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>
`;
const BROKEN_BPMN = REVIEW_BPMN.replace('targetRef="end"', 'targetRef="nowhere"');

t.test('the workflow pages in a real browser', { skip: browserSkipReason() }, async (t) => {
  const uiDir = await buildUi();
  const database = await openTestDatabase('pglite');
  t.teardown(() => database.close());
  const server = await startTestApp(t, database, { uiDir });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  const designer = await server.userWithRoles(['designer'], 'Dana Designer');
  const rep = await server.userWithRoles(['rep'], 'Rita Rep');
  const db = database.db;

  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const consoleErrors: string[] = [];
  const designerPage = await signedInPage(browser, url, designer, consoleErrors);
  const repPage = await signedInPage(browser, url, rep, consoleErrors);
  const instanceIds: Record<string, string> = {};

  await t.test('should show the problems of a broken model as a table and deploy a good one', async (t) => {
    const page = designerPage;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Processes', exact: true }).click();
    await page.getByLabel('BPMN files').setInputFiles({ name: 'broken.bpmn', mimeType: 'application/xml', buffer: Buffer.from(BROKEN_BPMN) });
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    const problems = page.getByRole('table', { name: 'Deployment problems' });
    await problems.waitFor();
    t.match(await problems.innerText(), /broken\.bpmn[\s\S]*f2/, 'the file and the element are named');

    await page.getByLabel('BPMN files').setInputFiles({ name: 'deal-review.bpmn', mimeType: 'application/xml', buffer: Buffer.from(REVIEW_BPMN) });
    await page.getByLabel('Deployment name').fill('Deal review');
    await page.getByRole('button', { name: 'Deploy', exact: true }).click();
    await page.getByTestId('deploy-result').waitFor();
    t.match(await page.getByTestId('deploy-result').innerText(), /deal-review version 1/);
    t.equal(await problems.count(), 0, 'the problems are gone');
    await page.getByRole('table', { name: 'Versions of deal-review' }).waitFor();
    const stored = await db.selectFrom('engine_process_definitions').select(['id', 'version']).where('key', '=', 'deal-review').execute();
    t.same(stored, [{ id: 'deal-review:1', version: 1 }]);
    await page.getByRole('button', { name: 'View XML of deal-review version 1' }).click();
    t.match(await page.getByTestId('definition-xml').innerText(), /Review the deal/);
  });

  await t.test('should start instances with a business key, linking to the Cockpit', async (t) => {
    const page = designerPage;
    await page.getByTestId('definition-card').filter({ hasText: 'deal-review' }).getByRole('button', { name: 'Start instance' }).click();
    const form = page.getByRole('form', { name: 'Start deal-review' });
    for (const businessKey of ['deal-7', 'deal-8']) {
      await form.getByLabel('Business key').fill(businessKey);
      await form.getByLabel('Variable name 1').fill('amount');
      await form.getByLabel('Variable value 1').fill('1200');
      await form.getByRole('button', { name: 'Start', exact: true }).click();
      // The second start replaces the first notice: wait for one that names a new instance.
      const started = page.getByTestId('started-instance').filter({ hasNotText: instanceIds['deal-7'] ?? '\u0000' });
      await started.waitFor();
      instanceIds[businessKey] = (await started.getAttribute('data-instance-id'))!;
      t.equal(await started.getByRole('link', { name: 'Open it in the Cockpit' }).getAttribute('href'), `#/cockpit/${instanceIds[businessKey]}`);
    }
    const row = await db.selectFrom('engine_process_instances').select(['business_key', 'state']).where('id', '=', instanceIds['deal-7']!).executeTakeFirstOrThrow();
    t.match(row, { business_key: 'deal-7', state: 'active' });
  });

  await t.test('should let a rep claim a task in the Inbox and complete it with a variable', async (t) => {
    const page = repPage;
    // The inbox was open before the instances started: it refetches when the window regains focus.
    await page.evaluate('window.dispatchEvent(new Event("focus"))');
    const row = page.getByTestId('task-row').filter({ hasText: 'deal-7' });
    await row.waitFor();
    t.equal(await row.getByTestId('task-assignee').innerText(), 'unassigned');
    t.match(await row.innerText(), /Review the deal[\s\S]*deal-review[\s\S]*rep/);
    await row.getByRole('button', { name: 'Claim Review the deal' }).click();
    await row.getByTestId('task-assignee').filter({ hasText: 'you' }).waitFor();
    const task = await db.selectFrom('engine_user_tasks').select(['key', 'assignee']).where('instance_id', '=', instanceIds['deal-7']!).executeTakeFirstOrThrow();
    t.equal(task.assignee, rep.id, 'claimed on the server');

    await row.getByRole('link', { name: 'Review the deal' }).click();
    await page.getByRole('heading', { name: 'Review the deal' }).waitFor();
    await page.getByTestId('task-instance-variables').locator('tr[data-variable="amount"]').waitFor();
    await page.getByLabel('Variable name 1').fill('approved');
    await page.getByLabel('Variable value 1').fill('true');
    await page.getByRole('button', { name: 'Complete', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Completed "Review the deal"' }).waitFor();
    t.equal(await page.getByTestId('task-row').filter({ hasText: 'deal-7' }).count(), 0, 'the task left the list');
    t.equal(await page.getByTestId('task-row').filter({ hasText: 'deal-8' }).count(), 1, 'the other task stays');
    const done = await db.selectFrom('engine_user_tasks').select('state').where('key', '=', task.key).executeTakeFirstOrThrow();
    t.equal(done.state, 'completed');
  });

  await t.test('should say so when someone else completed the task first', async (t) => {
    const page = repPage;
    await page.getByTestId('task-row').filter({ hasText: 'deal-8' }).getByRole('link', { name: 'Review the deal' }).click();
    await page.getByRole('button', { name: 'Complete', exact: true }).waitFor();
    const task = await db.selectFrom('engine_user_tasks').select('key').where('instance_id', '=', instanceIds['deal-8']!).executeTakeFirstOrThrow();
    const behindTheBack = await server.as(designer.token, { method: 'POST', url: `/api/tasks/${task.key}/complete`, payload: {} });
    t.equal(behindTheBack.statusCode, 204);
    await page.getByRole('button', { name: 'Complete', exact: true }).click();
    await page.getByTestId('task-already-completed').waitFor();
    t.match(await page.getByTestId('task-already-completed').innerText(), /already completed by someone else/);
  });

  await t.test('should show the completed instance in the Cockpit with its variables and history', async (t) => {
    const page = designerPage;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cockpit', exact: true }).click();
    const rows = page.getByRole('table', { name: 'Process instances' }).locator('tbody tr[data-instance-id]');
    const other = rows.filter({ hasText: 'deal-8' });
    await other.waitFor(); // the unfiltered list has loaded
    await page.getByLabel('Business key').fill('deal-7');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await other.waitFor({ state: 'detached' });
    await rows.filter({ hasText: 'completed' }).waitFor();
    t.equal(await rows.count(), 1, 'only the filtered instance');
    await rows.first().getByRole('link', { name: instanceIds['deal-7']! }).click();
    await page.getByTestId('instance-state').waitFor();
    t.equal(await page.getByTestId('instance-state').innerText(), 'completed');
    const variables = page.getByRole('table', { name: 'Variables' });
    t.equal(await variables.locator('tr[data-variable="approved"] td').innerText(), 'true');
    t.equal(await variables.locator('tr[data-variable="amount"] td').innerText(), '1200');
    const history = page.getByRole('table', { name: 'Activity history' }).locator('tbody tr');
    await history.first().waitFor();
    const cells: string[][] = [];
    for (const row of await history.all()) cells.push((await row.locator('th, td').allInnerTexts()).slice(0, 3).map((text) => text.trim()));
    t.same(cells, [
      ['start', 'startEvent', 'completed'],
      ['review', 'userTask', 'completed'],
      ['end', 'endEvent', 'completed'],
    ]);
    t.equal(await page.getByRole('button', { name: 'Cancel instance' }).count(), 0, 'an ended instance cannot be cancelled');
    const stored = await db.selectFrom('engine_process_instances').select('state').where('id', '=', instanceIds['deal-7']!).executeTakeFirstOrThrow();
    t.equal(stored.state, 'completed');
  });

  await t.test('should edit the variables of a running instance and cancel it in the Cockpit', async (t) => {
    const page = designerPage;
    const started = await server.as(designer.token, { method: 'POST', url: '/api/process-definitions/key/deal-review/start', payload: { variables: { amount: 5 }, businessKey: 'deal-9' } });
    const id = started.json<{ id: string }>().id;
    await page.goto(`${url}/#/cockpit/${id}`);
    await page.getByTestId('instance-state').filter({ hasText: 'active' }).waitFor();
    t.match(await page.getByTestId('active-elements').innerText(), /review/);
    await page.getByRole('button', { name: 'Edit variables' }).click();
    const form = page.getByRole('form', { name: 'Edit variables' });
    await form.getByLabel('Variable value 1').fill('7');
    await form.getByLabel('Variable name 2').fill('note');
    await form.getByLabel('Variable value 2').fill('call back');
    await form.getByRole('button', { name: 'Save variables' }).click();
    const variables = page.getByRole('table', { name: 'Variables' });
    await variables.locator('tr[data-variable="note"]').waitFor();
    t.equal(await variables.locator('tr[data-variable="note"] td').innerText(), '"call back"');
    const stored = await server.as(designer.token, { method: 'GET', url: `/api/process-instances/${id}` });
    t.same(stored.json<{ variables: object }>().variables, { amount: 7, note: 'call back' });

    await page.getByRole('button', { name: 'Cancel instance' }).click();
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.getByTestId('instance-state').filter({ hasText: 'terminated' }).waitFor();
    const row = await db.selectFrom('engine_process_instances').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    t.equal(row.state, 'terminated');
  });

  await t.test('should page through the instances with Load more (x-next-cursor)', async (t) => {
    const page = designerPage;
    for (let i = 0; i < 50; i++) {
      await server.as(designer.token, { method: 'POST', url: '/api/process-definitions/key/deal-review/start', payload: { businessKey: `bulk-${i}` } });
    }
    const total = await db.selectFrom('engine_process_instances').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    t.equal(Number(total.n), 53);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cockpit', exact: true }).click();
    const rows = page.getByRole('table', { name: 'Process instances' }).locator('tbody tr[data-instance-id]');
    await page.getByRole('button', { name: 'Load more' }).waitFor();
    t.equal(await rows.count(), 50, 'the first page');
    t.match(await rows.first().innerText(), /bulk-/, 'newest first');
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-instance-id')));
    const all = await db.selectFrom('engine_process_instances').select('id').execute();
    t.same([...shown].sort(), all.map((row) => row.id).sort(), 'the rest, each once, and no more pages');
  });

  // The refused deployment (400) and the second completion (409) log their status as console errors.
  t.same(consoleErrors.filter((e) => !/(400 \(Bad Request\)|409 \(Conflict\))/.test(e)), [], 'no other errors in the browser console');
});

/** A page of its own browser context (own localStorage), signed in as `user` and live. */
async function signedInPage(browser: Browser, url: string, user: { email: string; password: string }, consoleErrors: string[]): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  await page.goto(url);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('ws-status').filter({ hasText: 'live' }).waitFor({ timeout: 10_000 });
  return page;
}
