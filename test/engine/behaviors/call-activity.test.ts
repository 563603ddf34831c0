import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { eventsOf } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'call-activity.bpmn');

t.test('should start a child instance linked to the call activity, with all parent variables', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const parent = start(engine, 'parent', { amount: 3, childKey: 'child' }, 'deal-7');

  // then
  const [requested] = eventsOf(engine.events(parent.id), 'child-instance-requested');
  const childId = requested!.payload.childInstanceId;
  const child = engine.instance(childId)!;
  t.match(child, { processKey: 'child', businessKey: 'deal-7', state: 'active', parent: { instanceId: parent.id, elementId: 'callAll', rootInstanceId: parent.id } });
  t.same(engine.variables(childId), { amount: 3, childKey: 'child' });
  const record = engine.history(parent.id).find((entry) => entry.activityId === 'callAll');
  t.equal(record?.calledProcessInstanceId, childId);
  t.equal(parent.elements[requested!.elementInstanceId!]?.childInstanceId, childId);
});

t.test('should return all child variables, or only the mapped ones', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const parent = start(engine, 'parent', { amount: 3, childKey: 'child' });

  // when: the first child works and completes
  engine.completeTask(engine.tasks({ instanceId: undefined }).find((task) => task.processKey === 'child')!.key, { note: 'first' });

  // then: all its variables came back
  t.same(engine.variables(parent.id), { amount: 3, childKey: 'child', note: 'first', doubled: 6 });

  // when: the second child (only the input mapping: amount 30) works and completes
  const second = engine.tasks().find((task) => task.processKey === 'child')!;
  t.same(engine.variables(second.instanceId), { amount: 30 });
  engine.completeTask(second.key, { note: 'second' });

  // then: only the output mapping came back
  t.equal(engine.instance(parent.id)?.state, 'completed');
  t.same(engine.variables(parent.id), { amount: 3, childKey: 'child', note: 'first', doubled: 6, mappedResult: 60 });
});

t.test('should raise an incident when the called process is not deployed, and retry once resolved', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'caller-of-missing', { target: 'nowhere' });
  const [incident] = engine.incidents(instance.id);
  t.match(incident, { errorType: 'CALLED_ELEMENT_ERROR', message: "Expected process with BPMN process id 'nowhere' to be deployed, but it was not found" });

  // when
  engine.setVariables(instance.id, { target: 'child' });
  engine.resolveIncident(incident!.key);

  // then
  t.equal(engine.instance(instance.id)?.state, 'active');
  t.equal(eventsOf(engine.events(instance.id), 'child-instance-requested').length, 1);
});

t.test('should cancel the child when the parent is cancelled', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const parent = start(engine, 'parent', { amount: 1, childKey: 'child' });
  const childId = eventsOf(engine.events(parent.id), 'child-instance-requested')[0]!.payload.childInstanceId;

  // when
  engine.cancelInstance(parent.id);

  // then
  t.equal(engine.instance(parent.id)?.state, 'terminated');
  t.equal(engine.instance(childId)?.state, 'terminated');
  t.same(engine.tasks(), []);
});

t.test('should raise an incident on the call activity when the child is cancelled on its own', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const parent = start(engine, 'parent', { amount: 1, childKey: 'child' });
  const childId = eventsOf(engine.events(parent.id), 'child-instance-requested')[0]!.payload.childInstanceId;

  // when
  engine.cancelInstance(childId);

  // then
  t.equal(engine.instance(parent.id)?.state, 'incident');
  t.match(engine.incidents(parent.id), [{ elementId: 'callAll', errorType: 'CHILD_INSTANCE_TERMINATED' }]);
});
