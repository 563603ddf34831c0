import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { activatedElements, inOrder, trace } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'parallel-gateway.bpmn');

t.test('should fork to every outgoing flow', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'parallel');
  t.ok(inOrder(trace(engine.events(instance.id)), [
    ['fork', 'element-completed'],
    ['toA', 'sequence-flow-taken'],
    ['toB', 'sequence-flow-taken'],
    ['toC', 'sequence-flow-taken'],
    ['a', 'element-activating'],
    ['b', 'element-activating'],
  ]));
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['a', 'b']);
  t.same(instance.joins[instance.id], { join: { toC: 1 } }, 'the direct token waits at the join');
});

t.test('should join only when every incoming flow has a token, consuming one from each', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'parallel');
  const [a, b] = engine.tasks({ instanceId: instance.id });

  // when
  engine.completeTask(a!.key);
  const waiting = activatedElements(engine.events(instance.id)).includes('join');
  engine.completeTask(b!.key);

  // then
  t.notOk(waiting);
  const events = engine.events(instance.id);
  t.same(activatedElements(events).filter((id) => id === 'join'), ['join'], 'the join activates once');
  t.equal(engine.instance(instance.id)?.state, 'completed');
  t.same(engine.instance(instance.id)?.joins, {});
});

t.test('should keep surplus tokens on one flow for a later round', async (t) => {
  // given: two tokens reach the join on the same flow before the other flow has one
  const engine = await engineWith([xml]);
  const instance = start(engine, 'twice');

  // then
  t.same(engine.instance(instance.id)?.joins[instance.id], { tJoin: { xToJoin: 2 } });

  // when
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);

  // then: one round fires, one token of x stays waiting
  t.same(engine.instance(instance.id)?.joins[instance.id], { tJoin: { xToJoin: 1 } });
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['after']);
  t.equal(engine.instance(instance.id)?.state, 'active');
});
