import t from 'tap';
import { activityHistoryChange, deriveActivityInstances } from '../../../engine/index.js';
import { engineWith, start } from '../helpers/engine-harness.js';
import { fixture } from '../helpers/engine-harness.js';

const xml = fixture(new URL('../behaviors/', import.meta.url).href, 'call-activity.bpmn');

t.test('should derive one activity record per element instance, in start order, with times and states', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const parent = start(engine, 'parent', { amount: 2, childKey: 'child' });
  engine.clock.advance(5_000);

  // when
  engine.cancelInstance(parent.id);

  // then
  const history = engine.history(parent.id);
  t.same(history.map((record) => [record.activityId, record.activityType, record.state]), [
    ['start', 'startEvent', 'completed'],
    ['callAll', 'callActivity', 'terminated'],
  ]);
  const call = history[1]!;
  t.equal(call.startTime, '2025-01-01T09:00:00.000Z');
  t.equal(call.endTime, '2025-01-01T09:00:05.000Z');
  t.ok(call.calledProcessInstanceId && engine.instance(call.calledProcessInstanceId)?.processKey === 'child');
});

t.test('should include the process and loop bodies only when asked', async (t) => {
  const engine = await engineWith([xml]);
  const parent = start(engine, 'parent', { amount: 2, childKey: 'child' });
  const all = deriveActivityInstances(engine.events(parent.id), { includeScopes: true });
  t.same(all.map((record) => record.activityType), ['process', 'startEvent', 'callActivity']);
  t.equal(all[0]!.endTime, null);
  t.equal(activityHistoryChange(engine.events(parent.id)[0]!), null, 'instance-created makes no activity row');
});
