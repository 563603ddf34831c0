import t from 'tap';
import type { JobContext } from '../../../engine/index.js';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { eventsOf, trace } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'service-task.bpmn');

t.test('should create a job with the evaluated type, retries and headers, and wait', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'invoice', { provider: 'stripe', amount: 10 });

  // then
  t.equal(instance.state, 'active');
  t.match(engine.jobs(instance.id), [{ elementId: 'charge', type: 'payment-stripe', retries: 2, headers: { currency: 'EUR' }, state: 'activatable' }]);
  const [created] = eventsOf(engine.events(instance.id), 'job-created');
  t.match(created?.payload, { version: 1, type: 'payment-stripe', retries: 2, headers: { currency: 'EUR' }, processKey: 'invoice' });
});

t.test('should run registered handlers with the visible variables and complete with their variables', async (t) => {
  // given
  const seen: JobContext[] = [];
  const engine = await engineWith([xml], {
    handlers: {
      'payment-stripe': (job) => {
        seen.push(job);
        return { variables: { paymentId: 'pay-1' } };
      },
      'send-mail': async () => ({ variables: { mailed: true } }),
    },
  });
  const instance = start(engine, 'invoice', { provider: 'stripe', amount: 10 });

  // when
  const ran = await engine.runJobs();

  // then
  t.equal(ran, 2);
  t.match(seen, [{ type: 'payment-stripe', variables: { provider: 'stripe', amount: 10 }, headers: { currency: 'EUR' }, instanceId: instance.id }]);
  t.equal(engine.instance(instance.id)?.state, 'completed');
  t.same(engine.variables(instance.id), { provider: 'stripe', amount: 10, paymentId: 'pay-1', mailed: true });
  t.same(trace(engine.events(instance.id), ['job-created', 'job-completed']), [
    ['charge', 'job-created'],
    ['charge', 'job-completed'],
    ['confirm', 'job-created'],
    ['confirm', 'job-completed'],
  ]);
});

t.test('should leave jobs without a registered handler for external workers', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'invoice', { provider: 'adyen' });
  const [job] = engine.jobs(instance.id);

  // when
  const ran = await engine.runJobs();
  const completed = engine.completeJob(job!.key, { paymentId: 'ext-9' });

  // then
  t.equal(ran, 0);
  t.ok(completed.ok);
  t.match(engine.jobs(instance.id), [{ elementId: 'confirm', type: 'send-mail', retries: 3 }]);
});

t.test('should cancel the job when the instance is cancelled', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'invoice', { provider: 'adyen' });
  const cancelled = engine.cancelInstance(instance.id);
  t.equal(cancelled.ok && cancelled.state.state, 'terminated');
  t.same(trace(engine.events(instance.id)).slice(-4), [
    ['charge', 'job-cancelled'],
    ['charge', 'element-terminated'],
    ['invoice', 'element-terminated'],
    ['invoice', 'instance-terminated'],
  ]);
  t.same(engine.jobs(), []);
});
