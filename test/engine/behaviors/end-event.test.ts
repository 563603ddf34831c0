import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { completedElements, eventsOf, trace } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'end-event.bpmn');

t.test('should complete the instance when the last token reaches a none end event', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'terminate-inner');
  const [after] = engine.tasks({ instanceId: instance.id });

  // when
  const done = engine.completeTask(after!.key);

  // then
  t.equal(done.ok && done.state.state, 'completed');
  t.same(completedElements(engine.events(instance.id)).slice(-2), ['after', 'terminate-inner']);
});

t.test('should terminate every other token of the process at a terminate end event, and complete', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'terminate-all');

  // then
  t.equal(instance.state, 'completed');
  t.same(instance.userTasks, {});
  const events = engine.events(instance.id);
  const fromStop = trace(events).slice(trace(events).findIndex(([id]) => id === 'stop'));
  t.same(fromStop, [
    ['stop', 'element-activating'],
    ['stop', 'element-activated'],
    ['wait', 'user-task-cancelled'],
    ['wait', 'element-terminated'],
    ['stop', 'element-completing'],
    ['stop', 'element-completed'],
    ['terminate-all', 'element-completing'],
    ['terminate-all', 'element-completed'],
    ['terminate-all', 'instance-completed'],
  ]);
  t.notOk(completedElements(events).includes('end'));
});

t.test('should terminate only the tokens of its own sub-process, which then completes normally', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'terminate-inner');

  // then
  const events = engine.events(instance.id);
  t.same(eventsOf(events, 'element-terminated').map((event) => event.elementId), ['innerWait']);
  t.ok(completedElements(events).includes('sub'));
  t.equal(instance.state, 'active');
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['after']);
});
