import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';

const xml = fixture(import.meta.url, 'standard-loop.bpmn');
const iterations = (engine: Awaited<ReturnType<typeof engineWith>>, instanceId: string, activityId: string) =>
  engine.history(instanceId).filter((record) => record.activityId === activityId).map((record) => record.loopCounter);

t.test('should repeat while the loop condition holds, checking after each iteration', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'do-while', { tries: 0, goal: 3 });
  t.equal(instance.state, 'completed');
  t.equal(engine.variables(instance.id)['tries'], 3);
  t.same(iterations(engine, instance.id, 'attempt'), [1, 2, 3]);
});

t.test('should run a do-while loop once even when the condition is false', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'do-while', { tries: 10, goal: 0 });
  t.same(iterations(engine, instance.id, 'attempt'), [1]);
});

t.test('should stop at the loop maximum', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'do-while', { tries: 0, goal: 100 });
  t.same(iterations(engine, instance.id, 'attempt'), [1, 2, 3, 4, 5]);
  t.equal(engine.variables(instance.id)['tries'], 5);
});

t.test('should test before the first iteration with testBefore, possibly running none', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const skipped = start(engine, 'while', { open: false });
  const looping = start(engine, 'while', { open: true });

  // then
  t.equal(skipped.state, 'completed');
  t.same(iterations(engine, skipped.id, 'ask'), []);
  engine.completeTask(engine.tasks({ instanceId: looping.id })[0]!.key);
  engine.completeTask(engine.tasks({ instanceId: looping.id })[0]!.key, { open: false });
  t.same(iterations(engine, looping.id, 'ask'), [1, 2]);
  t.equal(engine.instance(looping.id)?.state, 'completed');
});
