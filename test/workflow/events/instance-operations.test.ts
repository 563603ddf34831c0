import t from 'tap';
import { eachDatabase } from '../../helpers/test-databases.js';
import { startTestApp, TEST_ADMIN } from '../../helpers/test-app.js';

const model = (second: string, name: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="http://funnelflow.dev/test">
  <bpmn:process id="review" name="${name}" isExecutable="true"><bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="draft" />
    <bpmn:userTask id="draft" /><bpmn:sequenceFlow id="f2" sourceRef="draft" targetRef="${second}" />
    <bpmn:userTask id="${second}" /><bpmn:sequenceFlow id="f3" sourceRef="${second}" targetRef="end" /><bpmn:endEvent id="end" /></bpmn:process>
</bpmn:definitions>`;

t.test('instance modification and migration over REST, audited', async (t) => {
  eachDatabase(t, async (t, database) => {
    const server = await startTestApp(t, database);
    const { as } = server;
    const admin = await server.signIn(TEST_ADMIN.email, TEST_ADMIN.password);
    const designer = await server.userWithRoles(['designer']);
    const rep = await server.userWithRoles(['rep']);
    const deploy = async (xml: string) => (await as(admin, { method: 'POST', url: '/api/deployments', payload: { name: 'review', resources: [{ name: 'review.bpmn', xml }] } })).json();
    const tasksOf = async (id: string) => (await as(admin, { method: 'GET', url: `/api/tasks?processInstanceId=${id}` })).json() as Array<{ id: string; taskDefinitionKey: string }>;
    const history = async (id: string) => (await as(admin, { method: 'GET', url: `/api/history/activity-instances?processInstanceId=${id}` })).json() as Array<{ id: string; activityId: string; endTime: string | null }>;
    await deploy(model('approve', 'v1'));
    const id = (await as(admin, { method: 'POST', url: '/api/process-definitions/key/review/start', payload: {} })).json().id as string;

    await t.test('moves a token: start before one element, terminate another', async (t) => {
      const draft = (await history(id)).find((r) => r.activityId === 'draft' && r.endTime === null)!;
      t.equal((await as(rep.token, { method: 'POST', url: `/api/process-instances/${id}/modification`, payload: { activate: [{ elementId: 'approve' }] } })).statusCode, 403);
      const bad = await as(designer.token, { method: 'POST', url: `/api/process-instances/${id}/modification`, payload: { activate: [{ elementId: 'nowhere' }], terminate: [draft.id] } });
      t.equal(bad.statusCode, 400);
      t.match(bad.json().message, /'nowhere'/);
      t.same((await tasksOf(id)).map((task) => task.taskDefinitionKey), ['draft'], 'a refused modification changes nothing');
      const done = await as(designer.token, { method: 'POST', url: `/api/process-instances/${id}/modification`, payload: { activate: [{ elementId: 'approve', variables: { skipped: true } }], terminate: [draft.id], variables: { reason: 'urgent' } } });
      t.equal(done.statusCode, 200, done.body);
      t.same((await tasksOf(id)).map((task) => task.taskDefinitionKey), ['approve']);
      const audit = await database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', '=', 'process-instance').execute();
      t.same(audit, [{ action: 'modify', entity_id: id }]);
    });

    await t.test('migrates a waiting instance to a new version by element mapping', async (t) => {
      const v2 = (await deploy(model('signOff', 'v2'))).processDefinitions[0].id as string;
      const refused = await as(designer.token, { method: 'POST', url: `/api/process-instances/${id}/migration`, payload: { targetDefinitionId: v2 } });
      t.equal(refused.statusCode, 400);
      t.match(refused.json().message, /'approve' maps to 'approve', which the target does not have/);
      const migrated = await as(designer.token, { method: 'POST', url: `/api/process-instances/${id}/migration`, payload: { targetDefinitionId: v2, mappings: { approve: 'signOff' } } });
      t.equal(migrated.statusCode, 200, migrated.body);
      t.match((await as(admin, { method: 'GET', url: `/api/process-instances/${id}` })).json(), { processDefinitionId: v2 });
      const [task] = await tasksOf(id);
      t.equal(task!.taskDefinitionKey, 'signOff');
      t.equal((await as(admin, { method: 'POST', url: `/api/tasks/${task!.id}/complete`, payload: {} })).statusCode, 204);
      t.match((await as(admin, { method: 'GET', url: `/api/process-instances/${id}` })).json(), { state: 'completed', variables: { reason: 'urgent' } });
    });
  });
});
