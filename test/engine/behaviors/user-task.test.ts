import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { eventsOf, trace } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'user-task.bpmn');

t.test('should create a user task with assignment, schedule, priority and form', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'approval', { owner: 'carol', region: 'emea', due: '2025-01-02T17:00:00Z', discount: 25 });

  // then
  const [task] = engine.tasks({ instanceId: instance.id });
  t.match(task, {
    elementId: 'approve',
    name: 'Approve discount',
    assignee: 'carol',
    candidateGroups: ['managers', 'emea'],
    candidateUsers: ['ann', 'bob'],
    dueDate: '2025-01-02T17:00:00Z',
    followUpDate: '2025-01-03T09:00:00Z',
    priority: 90,
    formKey: 'approve-discount',
    processKey: 'approval',
  });
  const [created] = eventsOf(engine.events(instance.id), 'user-task-created');
  t.match(created?.payload, { version: 1, taskKey: task!.key, assignee: 'carol', priority: 90 });
  t.equal(instance.state, 'active');
});

t.test('should wait at the user task and complete it with variables', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'approval', { owner: 'carol', region: 'emea', due: null, discount: 5 });
  const [task] = engine.tasks({ instanceId: instance.id });

  // when
  const result = engine.completeTask(task!.key, { approved: true });

  // then
  t.equal(result.ok && result.state.state, 'completed');
  t.same(engine.variables(instance.id), { owner: 'carol', region: 'emea', due: null, discount: 5, approved: true });
  t.same(trace(engine.events(instance.id)).filter(([id]) => id === 'approve').map(([, type]) => type), [
    'element-activating',
    'element-activated',
    'user-task-created',
    'user-task-completed',
    'element-completing',
    'element-completed',
  ]);
  t.same(engine.tasks({ instanceId: instance.id }), []);
});

t.test('should default priority to 50 and leave unset attributes empty', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'plain-task');
  t.match(engine.tasks({ instanceId: instance.id }), [{ assignee: null, candidateGroups: [], candidateUsers: [], dueDate: null, priority: 50, formKey: null }]);
});

t.test('should claim and filter tasks by assignee and candidate group', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'approval', { owner: null, region: 'apac', due: null, discount: 1 });
  const [task] = engine.tasks({ candidateGroup: 'apac' });

  // when
  const assigned = engine.assignTask(task!.key, 'dave');

  // then
  t.ok(assigned.ok);
  t.same(engine.tasks({ assignee: 'dave' }).map((open) => open.instanceId), [instance.id]);
  t.equal(eventsOf(engine.events(instance.id), 'user-task-assigned')[0]?.payload.assignee, 'dave');
});

t.test('should raise an incident when an attribute expression gives a wrong value', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'ranked-task', { rank: 'high' });

  // then
  t.equal(instance.state, 'incident');
  t.match(engine.incidents(instance.id), [{ elementId: 'ranked', errorType: 'EXPRESSION_ERROR', step: 'activate' }]);
  t.same(engine.tasks({ instanceId: instance.id }), []);
});
