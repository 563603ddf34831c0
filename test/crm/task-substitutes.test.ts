import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

const model = (assignee: string, group: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://funnelflow.dev/test">
  <bpmn:process id="followUp" isExecutable="true"><bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork" /><bpmn:parallelGateway id="fork" />
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="call" />
    <bpmn:userTask id="call"><bpmn:extensionElements><zeebe:assignmentDefinition assignee="${assignee}" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="visit" />
    <bpmn:userTask id="visit"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${group}" /></bpmn:extensionElements></bpmn:userTask>
  </bpmn:process>
</bpmn:definitions>`;

/** A substitute works the absent user's tasks while the substitution runs; org units are candidate groups. */
t.test('tasks of an absent user, and tasks for an org unit', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    await crm.call('POST', '/api/deployments', { name: 'follow-up', resources: [{ name: 'f.bpmn', xml: model(people.repN1.id, `unit:${units.n1}`) }] });
    await crm.call('POST', '/api/process-definitions/key/followUp/start', {});
    const inbox = async (token: string) => ((await crm.call('GET', '/api/tasks', undefined, token)) as Array<{ taskDefinitionKey: string; id: string }>).map((task) => task.taskDefinitionKey).sort();

    t.same(await inbox(people.repN1.token), ['call', 'visit'], 'his own task, and his unit’s');
    t.same(await inbox(people.repN1b.token), ['visit'], 'a colleague of the unit sees the unit’s task only');
    t.same(await inbox(people.teamRep.token), [], 'a sub-team rep does not hold a position in the branch');

    const now = Date.now();
    await crm.call('POST', '/api/substitutions', { absentUserId: people.repN1.id, substituteId: people.teamRep.id, from: new Date(now - 60_000).toISOString(), to: new Date(now + 3_600_000).toISOString() }, people.repN1.token);
    t.same(await inbox(people.teamRep.token), ['call', 'visit'], 'the substitute sees what the absent rep sees');
    const call = ((await crm.call('GET', '/api/tasks', undefined, people.teamRep.token)) as Array<{ taskDefinitionKey: string; id: string }>).find((task) => task.taskDefinitionKey === 'call')!;
    const done = await crm.as(people.teamRep.token, { method: 'POST', url: `/api/tasks/${call.id}/complete`, payload: {} });
    t.equal(done.statusCode, 204, 'and completes it');
    t.equal((await crm.as(people.repS1.token, { method: 'GET', url: `/api/tasks/${call.id}` })).statusCode, 404);
  });
});
