import t from 'tap';
import { setTimeout as sleep } from 'node:timers/promises';
import { BpmnError } from '../../../engine/index.js';
import { eachDatabase } from '../../helpers/test-databases.js';
import { startTestApp, TEST_ADMIN } from '../../helpers/test-app.js';

const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:ff="http://funnelflow.dev/schema/bpmn/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`;
const model = (id: string, body: string, roots = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="d-${id}" targetNamespace="http://funnelflow.dev/test"><bpmn:process id="${id}" isExecutable="true">${body}</bpmn:process>${roots}</bpmn:definitions>`;
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
const message = (id: string, name: string, key?: string) =>
  `<bpmn:message id="${id}" name="${name}">${key ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${key}" /></bpmn:extensionElements>` : ''}</bpmn:message>`;

const MODELS = [
  model('waitPayment', `<bpmn:startEvent id="start" />${flow('f1', 'start', 'paid')}<bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>${flow('f2', 'paid', 'end')}<bpmn:endEvent id="end" />`, message('m', 'payment', '=orderId')),
  model('leadIntake', `<bpmn:startEvent id="lead"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>${flow('f1', 'lead', 'qualify')}<bpmn:userTask id="qualify" />`, message('m', 'lead-arrived')),
  model('shortTimer', `<bpmn:startEvent id="start" />${flow('f1', 'start', 'call')}<bpmn:userTask id="call" />${flow('f2', 'call', 'end')}<bpmn:endEvent id="end" />
    <bpmn:boundaryEvent id="late" attachedToRef="call"><bpmn:timerEventDefinition><bpmn:timeDuration>PT0.2S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>${flow('f3', 'late', 'escalate')}<bpmn:userTask id="escalate" />`),
  model('recall', `<bpmn:startEvent id="start" />${flow('f1', 'start', 'work')}<bpmn:userTask id="work" />
    <bpmn:boundaryEvent id="stop" attachedToRef="work"><bpmn:signalEventDefinition signalRef="s" /></bpmn:boundaryEvent>${flow('f2', 'stop', 'end')}<bpmn:endEvent id="end" />`, '<bpmn:signal id="s" name="recall-all" />'),
  model('cashier', `<bpmn:startEvent id="start" />${flow('f1', 'start', 'notify')}<bpmn:intermediateThrowEvent id="notify"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateThrowEvent>${flow('f2', 'notify', 'end')}<bpmn:endEvent id="end" />`, message('m', 'payment', '=orderId')),
  model('charge', `<bpmn:startEvent id="start" />${flow('f1', 'start', 'pay')}<bpmn:serviceTask id="pay"><bpmn:extensionElements><zeebe:taskDefinition type="test:charge" /></bpmn:extensionElements></bpmn:serviceTask>${flow('f2', 'pay', 'end')}<bpmn:endEvent id="end" />
    <bpmn:boundaryEvent id="declined" attachedToRef="pay"><bpmn:errorEventDefinition errorRef="e" ff:errorMessageVariable="reason" /></bpmn:boundaryEvent>${flow('f3', 'declined', 'manual')}<bpmn:userTask id="manual" />`, '<bpmn:error id="e" errorCode="DECLINED" />'),
  model('savePoint', `<bpmn:startEvent id="start" />${flow('f1', 'start', 'review')}<bpmn:userTask id="review" ff:asyncBefore="true" />${flow('f2', 'review', 'end')}<bpmn:endEvent id="end" />`),
  model('printing', `<bpmn:startEvent id="start" />${flow('f1', 'start', 'print')}<bpmn:serviceTask id="print"><bpmn:extensionElements><zeebe:taskDefinition type="test:print" retries="1" /></bpmn:extensionElements></bpmn:serviceTask>`),
];

t.test('events over the database: timers, messages, signals, errors', async (t) => {
  eachDatabase(t, async (t, database) => {
    const server = await startTestApp(t, database, {}, {
      jobHandlers: {
        'test:charge': () => {
          throw new BpmnError('DECLINED', 'card expired');
        },
        'test:print': () => {
          throw new Error('printer on fire');
        },
      },
    });
    const { app, as } = server;
    const admin = await server.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const rep = await server.userWithRoles(['rep']);
    const deployed = await as(admin, { method: 'POST', url: '/api/deployments', payload: { name: 'events', resources: MODELS.map((xml, i) => ({ name: `m${i}.bpmn`, xml })) } });
    t.equal(deployed.statusCode, 201, deployed.body);
    const start = async (key: string, variables: object = {}) => (await as(rep.token, { method: 'POST', url: `/api/process-definitions/key/${key}/start`, payload: { variables } })).json().id as string;
    const instance = async (id: string) => (await as(admin, { method: 'GET', url: `/api/process-instances/${id}` })).json();
    const publish = (payload: object) => as(rep.token, { method: 'POST', url: '/api/messages', payload });

    await t.test('a published message correlates by key, once per process, with its variables', async (t) => {
      const a = await start('waitPayment', { orderId: 'A' });
      const a2 = await start('waitPayment', { orderId: 'A' });
      const response = await publish({ messageName: 'payment', correlationKey: 'A', variables: { amount: 10 } });
      t.equal(response.statusCode, 200);
      t.same(response.json().correlatedProcessInstanceIds, [a]);
      t.match(await instance(a), { state: 'completed', variables: { orderId: 'A', amount: 10 } });
      t.equal((await instance(a2)).state, 'active');
      const rows = await database.db.selectFrom('engine_subscriptions').select('instance_id').where('instance_id', '=', a).execute();
      t.same(rows, [], 'the subscription row is gone');
    });

    await t.test('time to live buffers a message; a message id makes it idempotent', async (t) => {
      const first = await publish({ messageName: 'payment', correlationKey: 'B', timeToLive: 60_000, messageId: 'pay-B-1' });
      t.match(first.json(), { duplicate: false, correlatedProcessInstanceIds: [] });
      t.match((await publish({ messageName: 'payment', correlationKey: 'B', timeToLive: 60_000, messageId: 'pay-B-1' })).json(), { duplicate: true });
      const b = await start('waitPayment', { orderId: 'B' });
      t.equal((await instance(b)).state, 'completed', 'the buffered message met the new subscription');
      const b2 = await start('waitPayment', { orderId: 'B' });
      t.equal((await instance(b2)).state, 'active', 'a message reaches one instance of a process');
    });

    await t.test('a message start event starts one instance per business key', async (t) => {
      const started = (await publish({ messageName: 'lead-arrived', correlationKey: 'lead-1', variables: { source: 'fair' } })).json();
      t.equal(started.startedProcessInstanceIds.length, 1);
      t.match(await instance(started.startedProcessInstanceIds[0]), { businessKey: 'lead-1', variables: { source: 'fair' } });
      t.same((await publish({ messageName: 'lead-arrived', correlationKey: 'lead-1' })).json().startedProcessInstanceIds, []);
    });

    await t.test('a message thrown inside the engine correlates in the same transaction', async (t) => {
      const waiting = await start('waitPayment', { orderId: 'C' });
      await start('cashier', { orderId: 'C' });
      t.equal((await instance(waiting)).state, 'completed');
    });

    await t.test('a due timer fires through the job runner, never early', async (t) => {
      const id = await start('shortTimer');
      await app.engine.runJobs();
      t.equal((await as(admin, { method: 'GET', url: `/api/tasks?processInstanceId=${id}` })).json()[0].taskDefinitionKey, 'call', 'not yet');
      await sleep(250);
      await app.engine.runJobs();
      const tasks = (await as(admin, { method: 'GET', url: `/api/tasks?processInstanceId=${id}` })).json();
      t.same(tasks.map((task: { taskDefinitionKey: string }) => task.taskDefinitionKey), ['escalate']);
      const jobs = await database.db.selectFrom('engine_jobs').select('key').where('instance_id', '=', id).execute();
      t.same(jobs, [], 'the timer row is gone');
    });

    await t.test('a signal reaches every waiting instance', async (t) => {
      const ids = [await start('recall'), await start('recall')];
      const response = await as(rep.token, { method: 'POST', url: '/api/signals', payload: { signalName: 'recall-all' } });
      t.same([...response.json().triggeredProcessInstanceIds].sort(), [...ids].sort());
      for (const id of ids) t.equal((await instance(id)).state, 'completed');
    });

    await t.test('a BPMN error thrown by a job handler is caught by the boundary event', async (t) => {
      const id = await start('charge');
      await app.engine.runJobs();
      const tasks = (await as(admin, { method: 'GET', url: `/api/tasks?processInstanceId=${id}` })).json();
      t.same(tasks.map((task: { taskDefinitionKey: string }) => task.taskDefinitionKey), ['manual']);
      t.match(await instance(id), { variables: { reason: 'card expired' } });
    });

    await t.test('a job that fails for good leaves an incident with its error and stack', async (t) => {
      const id = await start('printing');
      await app.engine.runJobs();
      const [incident] = (await as(admin, { method: 'GET', url: `/api/incidents?processInstanceId=${id}` })).json();
      t.match(incident, { errorType: 'JOB_NO_RETRIES', message: 'printer on fire', details: /printer on fire[\s\S]*\n\s+at / });
    });

    await t.test('an async continuation runs through the job runner', async (t) => {
      const id = await start('savePoint');
      t.same(await database.db.selectFrom('engine_user_tasks').select('key').where('instance_id', '=', id).execute(), []);
      await app.engine.runJobs();
      const tasks = (await as(admin, { method: 'GET', url: `/api/tasks?processInstanceId=${id}` })).json();
      t.same(tasks.map((task: { taskDefinitionKey: string }) => task.taskDefinitionKey), ['review']);
    });

    await t.test('bad input names the field', async (t) => {
      const response = await publish({ correlationKey: 'x' });
      t.equal(response.statusCode, 400);
      t.match(response.json().message, /messageName/);
    });
  });
});
