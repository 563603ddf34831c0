import t from 'tap';
import { createMemoryEngine, sequentialIds } from '../../../engine/index.js';
import { bpmn } from '../helpers/bpmn-xml.js';

const v1 = bpmn('<bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="wait" /><bpmn:userTask id="wait" />', 'lead');
const v2 = bpmn('<bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="wait2" /><bpmn:userTask id="wait2" />', 'lead');

t.test('should keep the version when the same resource is deployed again, and count up when it changed', async (t) => {
  // given
  const engine = createMemoryEngine({ ids: sequentialIds() });

  // when
  const first = await engine.deploy(v1);
  const same = await engine.deploy(v1);
  const changed = await engine.deploy(v2);

  // then
  t.match(first, { ok: true, deployment: { processDefinitions: [{ id: 'lead:1', key: 'lead', version: 1 }] } });
  t.match(same, { ok: true, deployment: { processDefinitions: [{ id: 'lead:1', version: 1 }] } });
  t.match(changed, { ok: true, deployment: { processDefinitions: [{ id: 'lead:2', version: 2 }] } });
});

t.test('should start the latest version by key while running instances keep theirs', async (t) => {
  // given
  const engine = createMemoryEngine({ ids: sequentialIds() });
  await engine.deploy(v1);
  const old = engine.startInstance('lead');
  await engine.deploy(v2);

  // when
  const fresh = engine.startInstance('lead');

  // then
  if (!old.ok || !fresh.ok) throw new Error('both should start');
  t.equal(old.state.definitionId, 'lead:1');
  t.equal(fresh.state.definitionId, 'lead:2');
  t.same(engine.tasks().map((task) => task.elementId), ['wait', 'wait2']);
  t.ok(engine.completeTask(engine.tasks({ instanceId: old.state.id })[0]!.key).ok);
});

t.test('should return the problems of an invalid resource and deploy nothing', async (t) => {
  const engine = createMemoryEngine();
  const result = await engine.deploy(bpmn('<bpmn:task id="lonely" />', 'broken'));
  t.match(result, { ok: false, code: 'ENG_ERR_DEPLOYMENT_INVALID', problems: [{ elementId: 'broken', message: /none start event/ }] });
  t.same(engine.definitions(), []);
  t.match(engine.startInstance('broken'), { ok: false, code: 'ENG_ERR_PROCESS_NOT_FOUND' });
});
