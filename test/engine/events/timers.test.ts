import t from 'tap';
import { bpmn } from '../helpers/bpmn-xml.js';
import { engineWith, start } from '../helpers/engine-harness.js';

const HOUR = 3_600_000;
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
const userTask = (id: string) => `<bpmn:userTask id="${id}" />`;
const timer = (kind: 'timeDate' | 'timeDuration' | 'timeCycle', value: string) => `<bpmn:timerEventDefinition><bpmn:${kind}>${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;
const activities = (engine: { history(id: string): { activityId: string; state: string }[] }, id: string) => engine.history(id).map((r) => `${r.activityId}:${r.state}`);

t.test('an intermediate timer waits for its duration, never early, then moves on', async (t) => {
  const engine = await engineWith([bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
    <bpmn:intermediateCatchEvent id="wait">${timer('timeDuration', 'PT1H')}</bpmn:intermediateCatchEvent>${flow('f2', 'wait', 'end')}<bpmn:endEvent id="end" />`)]);
  const instance = start(engine, 'process');
  const [subscription] = Object.values(engine.instance(instance.id)!.subscriptions ?? {});
  t.match(subscription, { kind: 'timer', elementId: 'wait', dueAt: '2025-01-01T10:00:00.000Z' });
  engine.clock.advance(HOUR - 1);
  t.equal(engine.fireDueTimers(), 0, 'not before it is due');
  engine.clock.advance(1);
  t.equal(engine.fireDueTimers(), 1);
  t.equal(engine.instance(instance.id)!.state, 'completed');
  t.same(engine.instance(instance.id)!.subscriptions, {}, 'the subscription is closed');
});

t.test('a timer date from a FEEL expression, and a bad one raises an incident', async (t) => {
  const engine = await engineWith([bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'wait')}
    <bpmn:intermediateCatchEvent id="wait">${timer('timeDate', '=followUp')}</bpmn:intermediateCatchEvent>${flow('f2', 'wait', 'end')}<bpmn:endEvent id="end" />`)]);
  const good = start(engine, 'process', { followUp: '2025-01-03T08:00:00Z' });
  t.match(Object.values(engine.instance(good.id)!.subscriptions!)[0], { dueAt: '2025-01-03T08:00:00.000Z' });
  const bad = start(engine, 'process', { followUp: 'next tuesday' });
  t.equal(engine.instance(bad.id)!.state, 'incident');
  t.match(engine.incidents(bad.id), [{ errorType: 'TIMER_ERROR', elementId: 'wait' }]);
  engine.setVariables(bad.id, { followUp: '2025-01-02T00:00:00Z' });
  engine.resolveIncident(engine.incidents(bad.id)[0]!.key);
  engine.clock.advance(24 * HOUR);
  engine.fireDueTimers();
  t.equal(engine.instance(bad.id)!.state, 'completed');
});

t.test('an interrupting timer boundary event cancels its task and leaves by its own flow', async (t) => {
  const engine = await engineWith([bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'call')}${userTask('call')}${flow('f2', 'call', 'done')}<bpmn:endEvent id="done" />
    <bpmn:boundaryEvent id="late" attachedToRef="call">${timer('timeDuration', 'P2D')}</bpmn:boundaryEvent>${flow('f3', 'late', 'escalate')}${userTask('escalate')}${flow('f4', 'escalate', 'end2')}<bpmn:endEvent id="end2" />`)]);
  const instance = start(engine, 'process');
  engine.clock.advance(48 * HOUR);
  engine.fireDueTimers();
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['escalate']);
  t.same(activities(engine, instance.id), ['start:completed', 'call:terminated', 'late:completed', 'escalate:active']);
});

t.test('a non-interrupting timer cycle boundary fires every period while the task stays open, and stops with it', async (t) => {
  const engine = await engineWith([bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'call')}${userTask('call')}${flow('f2', 'call', 'done')}<bpmn:endEvent id="done" />
    <bpmn:boundaryEvent id="remind" attachedToRef="call" cancelActivity="false">${timer('timeCycle', 'R3/PT1H')}</bpmn:boundaryEvent>${flow('f3', 'remind', 'reminder')}<bpmn:manualTask id="reminder" />`)]);
  const instance = start(engine, 'process');
  for (let hour = 1; hour <= 5; hour++) {
    engine.clock.advance(HOUR);
    engine.fireDueTimers();
  }
  t.equal(engine.history(instance.id).filter((r) => r.activityId === 'reminder').length, 3, 'R3: three reminders');
  t.equal(engine.tasks({ instanceId: instance.id }).length, 1, 'the task is still open');
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);
  t.equal(engine.instance(instance.id)!.state, 'completed');
});

t.test('a cycle that is cancelled early stops firing', async (t) => {
  const engine = await engineWith([bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'call')}${userTask('call')}${flow('f2', 'call', 'done')}<bpmn:endEvent id="done" />
    <bpmn:boundaryEvent id="remind" attachedToRef="call" cancelActivity="false">${timer('timeCycle', 'R/PT1H')}</bpmn:boundaryEvent>${flow('f3', 'remind', 'reminder')}<bpmn:manualTask id="reminder" />`)]);
  const instance = start(engine, 'process');
  engine.clock.advance(HOUR);
  engine.fireDueTimers();
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);
  engine.clock.advance(10 * HOUR);
  t.equal(engine.fireDueTimers(), 0);
  t.equal(engine.history(instance.id).filter((r) => r.activityId === 'reminder').length, 1);
});

t.test('timer start events start instances on schedule, and a new version replaces the schedule', async (t) => {
  const model = (cycle: string, task: string) =>
    bpmn(`<bpmn:startEvent id="tick">${timer('timeCycle', cycle)}</bpmn:startEvent>${flow('f1', 'tick', task)}${userTask(task)}`, 'nightly');
  const engine = await engineWith([model('R/PT1H', 'v1task')]);
  engine.clock.advance(HOUR);
  t.equal(engine.fireDueTimers(), 1);
  engine.clock.advance(HOUR);
  t.equal(engine.fireDueTimers(), 1);
  await engine.deploy(model('R/PT2H', 'v2task'));
  engine.clock.advance(HOUR);
  t.equal(engine.fireDueTimers(), 0, 'the old hourly schedule is gone');
  engine.clock.advance(HOUR);
  t.equal(engine.fireDueTimers(), 1);
  t.same(engine.tasks().map((task) => task.elementId).sort(), ['v1task', 'v1task', 'v2task']);
});
