import t from 'tap';
import { bpmn } from '../helpers/bpmn-xml.js';
import { engineWith, start } from '../helpers/engine-harness.js';

const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
const WITH_TIMER = (task: string, boundary: string, after: string) =>
  bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', task)}<bpmn:userTask id="${task}" />${flow('f2', task, 'end')}<bpmn:endEvent id="end" />
    <bpmn:boundaryEvent id="${boundary}" attachedToRef="${task}"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
    ${flow('f3', boundary, after)}<bpmn:userTask id="${after}" />`, 'offer');

t.test('migration carries a task with its timer to the new version', async (t) => {
  const engine = await engineWith([WITH_TIMER('call', 'late', 'chase')]);
  const instance = start(engine, 'offer');
  await engine.deploy(WITH_TIMER('phoneCall', 'tooLate', 'escalate'));
  const refused = engine.dispatch(instance.id, { type: 'migrate-instance', now: engine.clock(), targetDefinitionId: 'offer:2', mappings: { call: 'phoneCall' } });
  t.match(refused, { ok: false, code: 'ENG_ERR_INVALID_COMMAND', message: /'late' maps to 'late', which the target does not have/ });
  const migrated = engine.dispatch(instance.id, { type: 'migrate-instance', now: engine.clock(), targetDefinitionId: 'offer:2', mappings: { call: 'phoneCall', late: 'tooLate' } });
  t.ok(migrated.ok);
  t.equal(engine.instance(instance.id)!.definitionId, 'offer:2');
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['phoneCall']);
  engine.clock.advance(3_600_000);
  engine.fireDueTimers();
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['escalate'], 'the timer fired on the new version’s path');
});

t.test('modification refuses a wrong kind of mapping and a token in an ambiguous sub-process', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'fork')}<bpmn:parallelGateway id="fork" />${flow('f2', 'fork', 'subA')}${flow('f3', 'fork', 'subB')}
      <bpmn:subProcess id="subA"><bpmn:startEvent id="sa" />${flow('a1', 'sa', 'work')}<bpmn:userTask id="work" /></bpmn:subProcess>
      <bpmn:subProcess id="subB"><bpmn:startEvent id="sb" />${flow('b1', 'sb', 'other')}<bpmn:userTask id="other" /></bpmn:subProcess>`),
  ]);
  const instance = start(engine, 'process');
  const placed = engine.dispatch(instance.id, { type: 'modify-instance', now: engine.clock(), activate: [{ elementId: 'work' }] });
  t.ok(placed.ok, 'one live subA: the token goes there');
  t.equal(engine.tasks({ instanceId: instance.id }).filter((task) => task.elementId === 'work').length, 2);
  const wrong = engine.dispatch(instance.id, { type: 'modify-instance', now: engine.clock(), terminate: ['no-such-key'] });
  t.match(wrong, { ok: false, code: 'ENG_ERR_ELEMENT_INSTANCE_NOT_FOUND' });
  const sub = Object.values(engine.instance(instance.id)!.elements).find((e) => e.elementId === 'subB')!;
  const ended = engine.dispatch(instance.id, { type: 'modify-instance', now: engine.clock(), terminate: [sub.key] });
  t.ok(ended.ok);
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId).sort(), ['work', 'work']);
});
