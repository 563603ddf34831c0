import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { completedElements, trace } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'sub-process.bpmn');

t.test('should run the sub-process from its start event as a scope of its own', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'onboarding', { customer: { name: 'Acme' } });

  // then
  const tasks = engine.tasks({ instanceId: instance.id });
  t.same(tasks.map((task) => task.elementId).sort(), ['account', 'welcome']);
  const setup = Object.values(instance.elements).find((element) => element.elementId === 'setup')!;
  t.same(instance.variables[setup.key], { name: 'Acme' });
  t.same(tasks.map((task) => instance.elements[task.elementInstanceKey]!.scopeKey), [setup.key, setup.key]);
});

t.test('should complete the sub-process when its last token ends, then continue outside', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'onboarding', { customer: { name: 'Acme' } });
  const [first, second] = engine.tasks({ instanceId: instance.id });

  // when
  engine.completeTask(first!.key);
  const afterFirst = completedElements(engine.events(instance.id));
  engine.completeTask(second!.key);

  // then
  t.notOk(afterFirst.includes('setup'), 'one token is still inside');
  t.same(completedElements(engine.events(instance.id)).slice(-4), ['welcomeDone', 'setup', 'end', 'onboarding']);
  t.same(engine.variables(instance.id), { customer: { name: 'Acme' }, summary: 'Acme is set up' });
  t.same(engine.instance(instance.id)?.variables, { [instance.id]: { customer: { name: 'Acme' }, summary: 'Acme is set up' } });
});

t.test('should terminate everything inside when the instance is cancelled', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'onboarding', { customer: { name: 'Acme' } });
  engine.cancelInstance(instance.id);
  t.same(trace(engine.events(instance.id), ['element-terminated', 'instance-terminated']), [
    ['account', 'element-terminated'],
    ['welcome', 'element-terminated'],
    ['setup', 'element-terminated'],
    ['onboarding', 'element-terminated'],
    ['onboarding', 'instance-terminated'],
  ]);
});
