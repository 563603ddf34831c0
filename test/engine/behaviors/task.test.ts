import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { activatedElements, LIFECYCLE, trace } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'task.bpmn');

t.test('should pass tokens through tasks, manual tasks and none intermediate throw events', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'pass-through');

  // then
  t.equal(instance.state, 'completed');
  const steps = trace(engine.events(instance.id), LIFECYCLE).filter(([id]) => id !== 'pass-through' && id !== 'start');
  t.same(steps, ['task', 'manual', 'milestone', 'end'].flatMap((id) => [
    [id, 'element-activating'],
    [id, 'element-activated'],
    [id, 'element-completing'],
    [id, 'element-completed'],
  ]));
  t.same(engine.history(instance.id).map((record) => record.activityType), ['startEvent', 'task', 'manualTask', 'intermediateThrowEvent', 'endEvent']);
});

t.test('should take unconditional and true conditional flows out of an activity, and the default only when none is taken', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const withFlag = start(engine, 'uncontrolled', { flag: true });
  const withoutFlag = start(engine, 'uncontrolled', { flag: false });

  // then: merging without a gateway runs the task once per token
  t.same(activatedElements(engine.events(withFlag.id)).slice(2), ['split', 'always', 'conditional', 'merge', 'merge']);
  t.same(activatedElements(engine.events(withoutFlag.id)).slice(2), ['split', 'always', 'merge']);
});
