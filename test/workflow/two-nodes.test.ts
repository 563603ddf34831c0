import { readFileSync } from 'node:fs';
import t from 'tap';
import { openPostgres } from '../../server/db/database.js';
import { createScratchDatabase } from '../helpers/test-databases.js';
import { startTestApp, TEST_ADMIN } from '../helpers/test-app.js';

const xml = readFileSync(new URL('deal-approval.bpmn', import.meta.url), 'utf8');

t.test('should start the version another node deployed last', { skip: process.env.DATABASE_URL ? false : 'needs DATABASE_URL' }, async (t) => {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL!);
  t.teardown(scratch.drop);
  const nodeA = await startTestApp(t, openPostgres(scratch.url));
  const nodeB = await startTestApp(t, openPostgres(scratch.url));
  t.teardown(() => Promise.all([nodeA.database.close(), nodeB.database.close()]));
  const adminA = await nodeA.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
  const adminB = await nodeB.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
  const deploy = (body: string) => nodeA.as(adminA, { method: 'POST', url: '/api/deployments', payload: { name: 'deals', resources: [{ name: 'deal.bpmn', xml: body }] } });
  const startOnB = async () => {
    const started = (await nodeB.as(adminB, { method: 'POST', url: '/api/process-definitions/key/deal-approval/start', payload: {} })).json();
    return (await nodeB.as(adminB, { method: 'GET', url: `/api/process-instances/${started.id}` })).json().processDefinitionId as string;
  };

  await deploy(xml);
  t.equal(await startOnB(), 'deal-approval:1', 'node B learns version 1 and remembers it');
  await deploy(xml.replace('Qualify the deal', 'Qualify'));
  for (let i = 0; i < 100 && (await startOnB()) !== 'deal-approval:2'; i++) await new Promise((r) => setTimeout(r, 20));
  t.equal(await startOnB(), 'deal-approval:2', 'after node A deploys version 2, node B starts it');
});
