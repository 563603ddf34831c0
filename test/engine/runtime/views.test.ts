import t from 'tap';
import { activeElements, currentStages, jobVariables, openIncidents, openJobs, openUserTasks, rootVariables } from '../../../engine/index.js';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';

const xml = fixture(import.meta.url, 'views.bpmn');

t.test('should read tasks, jobs, variables, incidents and tokens from a state alone', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'funnel', { company: 'Acme' }, 'lead-42');
  const state = engine.instance(instance.id)!;

  // then
  t.match(openUserTasks(state), [{ elementId: 'qualify', candidateGroups: ['sales'], instanceId: instance.id, businessKey: 'lead-42', processKey: 'funnel' }]);
  const [job] = openJobs(state);
  t.match(job, { elementId: 'enrich', type: 'enrich', state: 'activatable', businessKey: 'lead-42' });
  t.same(jobVariables(state, job!.key), { company: 'Acme', query: 'Acme' });
  t.same(rootVariables(state), { company: 'Acme' });
  t.same(openIncidents(state), []);
  t.same(activeElements(state).map((element) => element.elementId), ['qualify', 'enrich']);
  t.same(currentStages(state, engine.definitions()[0]!.process), ['qualification']);
});

t.test('should list only the jobs a worker may run now', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'funnel', { company: 'Acme' });
  const [job] = engine.jobs(instance.id);
  engine.failJob(job!.key, { retries: 2, errorMessage: 'rate limited', retryBackoffMs: 30_000 });
  const state = engine.instance(instance.id)!;

  // then
  t.same(openJobs(state, new Date('2025-01-01T09:00:10Z')), []);
  t.equal(openJobs(state, new Date('2025-01-01T09:00:30Z')).length, 1);
  t.match(openJobs(state), [{ retries: 2, errorMessage: 'rate limited' }]);

  // when
  engine.failJob(job!.key, { retries: 0, errorMessage: 'gave up' });

  // then
  t.match(openIncidents(engine.instance(instance.id)!), [{ errorType: 'JOB_NO_RETRIES', jobKey: job!.key, instanceId: instance.id }]);
});
