import t from 'tap';
import { BpmnError } from '../../../engine/index.js';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { eventsOf, trace } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'job-incidents.bpmn');

function flakyHandler(failures: number) {
  let calls = 0;
  return {
    handler: () => {
      calls += 1;
      if (calls <= failures) throw new Error(`remote down (${calls})`);
      return { variables: { pushed: true } };
    },
    calls: () => calls,
  };
}

t.test('should retry a failing job and raise an incident when no retries are left', async (t) => {
  // given
  const flaky = flakyHandler(10);
  const engine = await engineWith([xml], { handlers: { 'push-crm': flaky.handler } });
  const instance = start(engine, 'sync-crm');

  // when
  await engine.runJobs();

  // then
  t.equal(flaky.calls(), 3);
  t.same(eventsOf(engine.events(instance.id), 'job-failed').map((event) => event.payload.retries), [2, 1, 0]);
  t.equal(engine.instance(instance.id)?.state, 'incident');
  t.match(engine.incidents(instance.id), [{ elementId: 'push', errorType: 'JOB_NO_RETRIES', step: 'job', message: 'remote down (3)' }]);
  t.match(engine.jobs(instance.id), [{ state: 'incident', retries: 0 }]);
});

t.test('should give the job its retries back when the incident is resolved, and continue', async (t) => {
  // given
  const flaky = flakyHandler(3);
  const engine = await engineWith([xml], { handlers: { 'push-crm': flaky.handler } });
  const instance = start(engine, 'sync-crm');
  await engine.runJobs();
  const [incident] = engine.incidents(instance.id);

  // when
  const resolved = engine.resolveIncident(incident!.key);

  // then
  t.equal(resolved.ok && resolved.state.state, 'active');
  t.match(engine.jobs(instance.id), [{ state: 'activatable', retries: 3 }]);

  // when
  await engine.runJobs();

  // then
  t.equal(engine.instance(instance.id)?.state, 'completed');
  t.same(trace(engine.events(instance.id), ['incident-created', 'incident-resolved', 'job-retries-updated', 'job-completed']), [
    ['push', 'incident-created'],
    ['push', 'incident-resolved'],
    ['push', 'job-retries-updated'],
    ['push', 'job-completed'],
  ]);
});

t.test('should wait out the retry backoff before running the job again', async (t) => {
  // given
  const flaky = flakyHandler(1);
  const engine = await engineWith([xml], { handlers: { 'push-crm': flaky.handler }, retryBackoffMs: 60_000 });
  const instance = start(engine, 'sync-crm');

  // when
  await engine.runJobs();

  // then
  t.equal(flaky.calls(), 1);
  t.match(engine.jobs(instance.id), [{ retries: 2, retryAt: Date.parse('2025-01-01T09:01:00.000Z') }]);

  // when
  engine.clock.advance(60_000);
  await engine.runJobs();

  // then
  t.equal(engine.instance(instance.id)?.state, 'completed');
});

t.test('should raise an incident for a BPMN error nobody catches, naming its code', async (t) => {
  // given
  const engine = await engineWith([xml], {
    handlers: {
      'push-crm': () => {
        throw new BpmnError('CRM_REJECTED', 'account is locked');
      },
    },
  });
  const instance = start(engine, 'sync-crm');

  // when
  await engine.runJobs();

  // then
  t.equal(engine.instance(instance.id)?.state, 'incident');
  t.match(engine.incidents(instance.id), [{ errorType: 'UNHANDLED_ERROR_EVENT', errorCode: 'CRM_REJECTED', message: /BPMN error 'CRM_REJECTED'.*account is locked/ }]);
  t.same(eventsOf(engine.events(instance.id), 'job-error-thrown').map((event) => event.payload.errorCode), ['CRM_REJECTED']);
});

t.test('should resolve open incidents when their element is terminated', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'sync-crm');
  engine.failJob(engine.jobs(instance.id)[0]!.key, { retries: 0, errorMessage: 'gave up' });
  t.equal(engine.instance(instance.id)?.state, 'incident');

  // when
  engine.cancelInstance(instance.id);

  // then
  t.equal(engine.instance(instance.id)?.state, 'terminated');
  t.same(engine.incidents(instance.id), []);
  t.same(trace(engine.events(instance.id)).slice(-5).map(([, type]) => type), ['job-cancelled', 'incident-resolved', 'element-terminated', 'element-terminated', 'instance-terminated']);
});
