import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { activatedElements, eventsOf } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'multi-instance.bpmn');

t.test('should create one parallel inner instance per item with its local input element and loopCounter', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'parallel-review', { reviewers: ['ann', 'bob', 'cid'] });

  // then
  const tasks = engine.tasks({ instanceId: instance.id });
  t.same(tasks.map((task) => task.assignee), ['ann', 'bob', 'cid']);
  const state = engine.instance(instance.id)!;
  t.same(tasks.map((task) => state.variables[task.elementInstanceKey]), [
    { reviewer: 'ann', loopCounter: 1 },
    { reviewer: 'bob', loopCounter: 2 },
    { reviewer: 'cid', loopCounter: 3 },
  ]);
  const body = Object.values(state.elements).find((element) => element.kind === 'multi-instance-body')!;
  t.same(state.variables[body.key], { votes: [null, null, null] });
  t.same(tasks.map((task) => state.elements[task.elementInstanceKey]!.scopeKey), [body.key, body.key, body.key]);
});

t.test('should collect outputs by index and complete early when the completion condition holds', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'parallel-review', { reviewers: ['ann', 'bob', 'cid'] });
  const [ann, bob, cid] = engine.tasks({ instanceId: instance.id });

  // when
  engine.completeTask(cid!.key, { vote: 'yes' });
  engine.completeTask(ann!.key, { vote: 'no' });
  t.equal(engine.instance(instance.id)?.state, 'active');
  engine.completeTask(bob!.key, { vote: 'yes' });

  // then: two yes votes ended the review; nothing was left to terminate
  t.equal(engine.instance(instance.id)?.state, 'completed');
  t.same(engine.variables(instance.id)['votes'], ['no', 'yes', 'yes']);
  const history = engine.history(instance.id).filter((record) => record.activityId === 'review');
  t.same(history.map((record) => [record.loopCounter, record.state]), [[1, 'completed'], [2, 'completed'], [3, 'completed']]);
});

t.test('should terminate the remaining inner instances once the condition holds', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'parallel-review', { reviewers: ['ann', 'bob', 'cid'] });
  const [ann, bob] = engine.tasks({ instanceId: instance.id });
  engine.completeTask(ann!.key, { vote: 'yes' });
  engine.completeTask(bob!.key, { vote: 'yes' });
  t.equal(engine.instance(instance.id)?.state, 'completed');
  t.same(eventsOf(engine.events(instance.id), 'user-task-cancelled').length, 1);
  t.same(engine.variables(instance.id)['votes'], ['yes', 'yes', null]);
  t.same(engine.history(instance.id).filter((record) => record.activityId === 'review').map((record) => record.state), ['completed', 'completed', 'terminated']);
});

t.test('should run sequential inner instances one after another, each a scope of its own', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'sequential-calls', { customers: ['Ann', 'Bob'] });

  // then: one at a time
  t.same(engine.tasks({ instanceId: instance.id }).length, 1);

  // when
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);
  t.same(engine.tasks({ instanceId: instance.id }).length, 1);
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);

  // then
  t.equal(engine.instance(instance.id)?.state, 'completed');
  // `greeting` has no scope of its own inside, so (Camunda 8) it propagated to the root
  t.same(engine.variables(instance.id), { customers: ['Ann', 'Bob'], greeting: 'Hello Bob (#2)', greetings: ['Hello Ann (#1)', 'Hello Bob (#2)'] });
  t.same(activatedElements(engine.events(instance.id)).filter((id) => id === 'contact').length, 3, 'one body and two inner sub-processes');
  t.same(engine.history(instance.id).filter((record) => record.activityId === 'contact').map((record) => record.loopCounter), [1, 2]);
});

t.test('should complete at once on an empty collection, with an empty output collection', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'sequential-calls', { customers: [] });
  t.equal(instance.state, 'completed');
  t.same(engine.variables(instance.id)['greetings'], []);
  t.same(engine.history(instance.id).filter((record) => record.activityId === 'contact'), []);
});

t.test('should raise an incident when the input collection is not a list', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'parallel-review', { reviewers: 'ann' });
  t.match(engine.incidents(instance.id), [{ elementId: 'review', errorType: 'EXPRESSION_ERROR', message: /to be a list/ }]);
});

t.test('should run a loop cardinality number of instances', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'counted', { times: 3 });
  t.equal(instance.state, 'completed');
  t.same(engine.history(instance.id).filter((record) => record.activityId === 'repeat').map((record) => record.loopCounter), [1, 2, 3]);
});
