import t from 'tap';
import { processCommand, parseBpmn, ProcessRegistry, sequentialIds, type InstanceState, type RuntimeContext } from '../../../engine/index.js';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';

const xml = fixture(import.meta.url, 'command-rejections.bpmn');
const now = new Date('2025-01-01T10:00:00Z');

async function core(): Promise<{ context: RuntimeContext; state: InstanceState }> {
  const parsed = await parseBpmn(xml);
  if (!parsed.ok) throw new Error('fixture should parse');
  const processes = new ProcessRegistry();
  processes.register(xml, parsed.definitions, 'd1');
  const context = { processes, ids: sequentialIds() };
  const started = processCommand(context, null, { type: 'start-instance', now, definitionId: 'two-steps:1' });
  if (!started.ok) throw new Error(started.message);
  return { context, state: started.state };
}

t.test('should reject completing the same task twice with a coded error', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'two-steps');
  const [task] = engine.tasks({ instanceId: instance.id });
  t.ok(engine.completeTask(task!.key).ok);

  // when
  const second = engine.completeTask(task!.key);

  // then
  t.match(second, { ok: false, code: 'ENG_ERR_TASK_ALREADY_COMPLETED', message: /^Expected task '.+' to be open, but it was completed before/ });
  t.equal(engine.events(instance.id).filter((event) => event.type === 'user-task-completed').length, 1);
});

t.test('should reject, in the pure core, a task that is no longer open, without changing the state', async (t) => {
  // given
  const { context, state } = await core();
  const taskKey = Object.keys(state.userTasks)[0]!;
  const first = processCommand(context, state, { type: 'complete-task', now, taskKey });
  if (!first.ok) throw new Error(first.message);

  // when
  const second = processCommand(context, first.state, { type: 'complete-task', now, taskKey });

  // then
  t.match(second, { ok: false, code: 'ENG_ERR_TASK_NOT_FOUND' });
  t.equal(first.state.version, 2);
  t.same(Object.keys(state.userTasks), [taskKey], 'the input state was not changed');
  t.equal(state.version, 1);
});

t.test('should reject unknown jobs, incidents and element instances', async (t) => {
  const { context, state } = await core();
  t.match(processCommand(context, state, { type: 'complete-job', now, jobKey: 'nope' }), { ok: false, code: 'ENG_ERR_JOB_NOT_FOUND' });
  t.match(processCommand(context, state, { type: 'resolve-incident', now, incidentKey: 'nope' }), { ok: false, code: 'ENG_ERR_INCIDENT_NOT_FOUND' });
  t.match(processCommand(context, state, { type: 'child-instance-completed', now, elementInstanceId: 'nope', childInstanceId: 'x', variables: {} }), {
    ok: false,
    code: 'ENG_ERR_ELEMENT_INSTANCE_NOT_FOUND',
  });
});

t.test('should reject commands to an instance that is not active', async (t) => {
  const { context, state } = await core();
  const cancelled = processCommand(context, state, { type: 'cancel-instance', now });
  if (!cancelled.ok) throw new Error(cancelled.message);
  t.match(processCommand(context, cancelled.state, { type: 'cancel-instance', now }), { ok: false, code: 'ENG_ERR_INSTANCE_NOT_ACTIVE' });
  t.match(processCommand(context, null, { type: 'cancel-instance', now }), { ok: false, code: 'ENG_ERR_INSTANCE_NOT_FOUND' });
});

t.test('should reject bad starts and bad variables', async (t) => {
  const { context, state } = await core();
  t.match(processCommand(context, null, { type: 'start-instance', now, definitionId: 'missing:1' }), { ok: false, code: 'ENG_ERR_PROCESS_NOT_FOUND' });
  t.match(processCommand(context, state, { type: 'start-instance', now, definitionId: 'two-steps:1' }), { ok: false, code: 'ENG_ERR_INSTANCE_EXISTS' });
  t.match(processCommand(context, null, { type: 'start-instance', now, definitionId: 'two-steps:1', variables: [1] as never }), { ok: false, code: 'ENG_ERR_INVALID_VARIABLES' });
  const taskKey = Object.keys(state.userTasks)[0]!;
  t.match(processCommand(context, state, { type: 'complete-task', now, taskKey, variables: 'x' as never }), { ok: false, code: 'ENG_ERR_INVALID_VARIABLES' });
  t.match(processCommand(context, state, { type: 'explode', now } as never), { ok: false, code: 'ENG_ERR_INVALID_COMMAND' });
});

t.test('should reject completing a job that waits for an incident', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'two-steps');
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);
  const [job] = engine.jobs(instance.id);
  engine.failJob(job!.key, { retries: 0 });
  t.match(engine.completeJob(job!.key), { ok: false, code: 'ENG_ERR_JOB_NOT_ACTIVATABLE' });
});
