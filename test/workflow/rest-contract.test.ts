import { readFileSync } from 'node:fs';
import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startTestApp, TEST_ADMIN } from '../helpers/test-app.js';

const dealApproval = readFileSync(new URL('deal-approval.bpmn', import.meta.url), 'utf8');

t.test('the engine REST contract', async (t) => {
  eachDatabase(t, async (t, database) => {
    const notified: string[] = [];
    let failuresLeft = 0;
    const server = await startTestApp(t, database, {}, {
      jobHandlers: {
        'test:notify': (job) => {
          if (failuresLeft-- > 0) throw new Error('mail server down');
          notified.push(String(job.variables.customer));
          return { variables: { notifiedAt: 'now' } };
        },
      },
    });
    const { app, as } = server;
    const admin = await server.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const designer = await server.userWithRoles(['designer']);
    const rep = await server.userWithRoles(['rep']);
    const otherRep = await server.userWithRoles(['rep']);
    const manager = await server.userWithRoles(['manager']);

    await t.test('should deploy, keep the version of an unchanged model and count up a changed one', async (t) => {
      const first = await as(designer.token, { method: 'POST', url: '/api/deployments', payload: { name: 'deals', resources: [{ name: 'deal-approval.bpmn', xml: dealApproval }] } });
      t.equal(first.statusCode, 201);
      t.match(first.json(), { id: String, processDefinitions: [{ id: 'deal-approval:1', key: 'deal-approval', version: 1 }] });
      const same = await as(designer.token, { method: 'POST', url: '/api/deployments', payload: { name: 'deals', resources: [{ name: 'deal-approval.bpmn', xml: dealApproval }] } });
      t.equal(same.statusCode, 201);
      t.same(same.json(), first.json(), 'an unchanged model returns the existing version');
      const changed = dealApproval.replace('Qualify the deal', 'Qualify the opportunity');
      const second = await as(designer.token, { method: 'POST', url: '/api/deployments', payload: { name: 'deals', resources: [{ name: 'deal-approval.bpmn', xml: changed }] } });
      t.match(second.json(), { processDefinitions: [{ id: 'deal-approval:2', version: 2 }] });
      const xml = await as(rep.token, { method: 'GET', url: '/api/process-definitions/deal-approval:2/xml' });
      t.match(xml.json().xml, 'Qualify the opportunity');
      const latest = await as(rep.token, { method: 'GET', url: '/api/process-definitions?latest=true' });
      t.same(latest.json().map((d: { id: string }) => d.id), ['deal-approval:2']);
    });

    await t.test('should reject a broken model with 400 naming element and problem, and store nothing', async (t) => {
      const broken = dealApproval.replace('<bpmn:conditionExpression>=amount &gt; 10000</bpmn:conditionExpression>', '').replace('id="f4" sourceRef="notify" targetRef="end"', 'id="f4" sourceRef="notify" targetRef="nowhere"');
      const response = await as(designer.token, { method: 'POST', url: '/api/deployments', payload: { name: 'broken', resources: [{ name: 'broken.bpmn', xml: broken }] } });
      t.equal(response.statusCode, 400);
      const body = response.json();
      t.equal(body.code, 'ENG_ERR_DEPLOYMENT_INVALID');
      t.ok(body.problems.some((p: { elementId: string }) => p.elementId === 'large'), 'the flow without a condition is named');
      t.ok(body.problems.some((p: { elementId: string }) => p.elementId === 'f4'), 'the flow to nowhere is named');
      const garbage = await as(designer.token, { method: 'POST', url: '/api/deployments', payload: { name: 'junk', resources: [{ name: 'x.bpmn', xml: 'not xml at all' }] } });
      t.equal(garbage.statusCode, 400);
      t.equal(garbage.json().problems[0].elementId, null);
      const definitions = await as(admin, { method: 'GET', url: '/api/process-definitions' });
      t.equal(definitions.json().length, 2, 'nothing new was stored');
      t.equal((await as(rep.token, { method: 'POST', url: '/api/deployments', payload: { name: 'x', resources: [{ name: 'a', xml: dealApproval }] } })).statusCode, 403, 'reps cannot deploy');
    });

    let instanceId = '';
    await t.test('should start by key with variables and a business key', async (t) => {
      const started = await as(rep.token, { method: 'POST', url: '/api/process-definitions/key/deal-approval/start', payload: { variables: { amount: 25000, customer: 'Acme' }, businessKey: 'deal-42' } });
      t.equal(started.statusCode, 201);
      t.match(started.json(), { id: String, state: 'active' });
      instanceId = started.json().id;
      const unknown = await as(rep.token, { method: 'POST', url: '/api/process-definitions/key/nope/start', payload: {} });
      t.equal(unknown.statusCode, 404);
      t.equal(unknown.json().code, 'ENG_ERR_PROCESS_NOT_FOUND');
      const list = await as(manager.token, { method: 'GET', url: '/api/process-instances?processDefinitionKey=deal-approval&businessKey=deal-42&state=active' });
      t.match(list.json(), [{ id: instanceId, state: 'active', processDefinitionId: 'deal-approval:2', businessKey: 'deal-42' }]);
      const one = await as(rep.token, { method: 'GET', url: `/api/process-instances/${instanceId}` });
      t.match(one.json(), { id: instanceId, state: 'active', variables: { amount: 25000, customer: 'Acme' } });
    });

    await t.test('should show a rep his group’s task, and complete it once', async (t) => {
      const tasks = await as(rep.token, { method: 'GET', url: `/api/tasks?processInstanceId=${instanceId}` });
      t.match(tasks.json(), [{ taskDefinitionKey: 'qualify', name: 'Qualify the opportunity', candidateGroups: ['rep'], formKey: 'deal-qualification', assignee: null }]);
      const taskId = tasks.json()[0].id;
      const claimed = await as(rep.token, { method: 'POST', url: `/api/tasks/${taskId}/claim` });
      t.equal(claimed.json().assignee, rep.id);
      t.equal((await as(otherRep.token, { method: 'GET', url: `/api/tasks?processInstanceId=${instanceId}` })).json().length, 0, 'a claimed task leaves the other reps’ inbox');
      t.equal((await as(otherRep.token, { method: 'POST', url: `/api/tasks/${taskId}/complete`, payload: {} })).statusCode, 404, 'another rep cannot complete it');

      const [a, b] = await Promise.all([
        as(rep.token, { method: 'POST', url: `/api/tasks/${taskId}/complete`, payload: { variables: { qualified: true } } }),
        as(rep.token, { method: 'POST', url: `/api/tasks/${taskId}/complete`, payload: { variables: { qualified: true } } }),
      ]);
      t.same([a.statusCode, b.statusCode].sort(), [204, 409], 'two completions at once: one wins, the other gets 409');
      t.equal([a, b].find((r) => r.statusCode === 409)!.json().code, 'ENG_ERR_TASK_ALREADY_COMPLETED');
    });

    await t.test('should route a large deal to a manager, then run the service task as a job', async (t) => {
      t.equal((await as(rep.token, { method: 'GET', url: `/api/tasks?processInstanceId=${instanceId}` })).json().length, 0, 'the approval is not the rep’s');
      const approval = (await as(manager.token, { method: 'GET', url: `/api/tasks?candidateGroup=manager&processInstanceId=${instanceId}` })).json();
      t.match(approval, [{ taskDefinitionKey: 'approve' }]);
      t.equal((await as(manager.token, { method: 'POST', url: `/api/tasks/${approval[0].id}/complete`, payload: { variables: { approved: true } } })).statusCode, 204);
      t.equal((await as(admin, { method: 'GET', url: `/api/process-instances/${instanceId}` })).json().state, 'active', 'waits for the job');
      t.equal(await app.engine.runJobs(), 1);
      t.same(notified, ['Acme']);
      const done = (await as(admin, { method: 'GET', url: `/api/process-instances/${instanceId}` })).json();
      t.match(done, { state: 'completed', variables: { qualified: true, approved: true, notifiedAt: 'now' }, endTime: String });
    });

    await t.test('should record history in start order', async (t) => {
      const history = (await as(admin, { method: 'GET', url: `/api/history/activity-instances?processInstanceId=${instanceId}` })).json();
      t.same(
        history.map((h: { activityId: string; activityType: string }) => [h.activityId, h.activityType]),
        [['start', 'startEvent'], ['qualify', 'userTask'], ['big', 'exclusiveGateway'], ['approve', 'userTask'], ['notify', 'serviceTask'], ['end', 'endEvent']],
      );
      t.ok(history.every((h: { startTime: string; endTime: string | null }) => h.endTime && h.endTime >= h.startTime), 'every record has ended');
    });

    await t.test('should turn a job out of retries into an incident, resolvable by a person', async (t) => {
      failuresLeft = 2; // retries="2": both attempts fail
      const started = (await as(rep.token, { method: 'POST', url: '/api/process-definitions/key/deal-approval/start', payload: { variables: { amount: 5, customer: 'Beta' } } })).json();
      const task = (await as(rep.token, { method: 'GET', url: `/api/tasks?processInstanceId=${started.id}` })).json()[0];
      await as(rep.token, { method: 'POST', url: `/api/tasks/${task.id}/complete`, payload: {} });
      await database.db.updateTable('engine_jobs').set({ due_at: new Date(0) }).execute(); // skip the retry backoff
      await app.engine.runJobs();
      await database.db.updateTable('engine_jobs').set({ due_at: new Date(0) }).execute();
      await app.engine.runJobs();
      const instance = (await as(admin, { method: 'GET', url: `/api/process-instances/${started.id}` })).json();
      t.equal(instance.state, 'incident');
      t.match(instance.incidents, [{ elementId: 'notify', errorType: 'JOB_NO_RETRIES', message: /mail server down/ }]);
      const incidents = (await as(manager.token, { method: 'GET', url: `/api/incidents?processInstanceId=${started.id}` })).json();
      t.equal(incidents.length, 1);
      t.equal((await as(manager.token, { method: 'POST', url: `/api/incidents/${incidents[0].id}/resolve`, payload: { retries: 1 } })).statusCode, 200);
      await app.engine.runJobs();
      t.equal((await as(admin, { method: 'GET', url: `/api/process-instances/${started.id}` })).json().state, 'completed');
      t.same(notified, ['Acme', 'Beta']);
    });

    await t.test('should cancel an instance and refuse work on it afterwards', async (t) => {
      const started = (await as(rep.token, { method: 'POST', url: '/api/process-definitions/key/deal-approval/start', payload: { variables: { amount: 1 } } })).json();
      const task = (await as(rep.token, { method: 'GET', url: `/api/tasks?processInstanceId=${started.id}` })).json()[0];
      const cancelled = await as(manager.token, { method: 'POST', url: `/api/process-instances/${started.id}/cancel` });
      t.match(cancelled.json(), { state: 'terminated' });
      t.equal((await as(rep.token, { method: 'POST', url: `/api/tasks/${task.id}/complete`, payload: {} })).statusCode, 404);
      t.equal((await as(manager.token, { method: 'POST', url: `/api/process-instances/${started.id}/cancel` })).statusCode, 409);
    });
  });
});
