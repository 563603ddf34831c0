import t from 'tap';
import { parseBpmn } from '../../../engine/index.js';
import { bpmn } from '../helpers/bpmn-xml.js';
import { engineWith, start } from '../helpers/engine-harness.js';

const model = (backoff: string, retries = 4) =>
  bpmn(`<bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:serviceTask id="call" ff:retryBackoff="${backoff}"><bpmn:extensionElements><zeebe:taskDefinition type="crm:call" retries="${retries}" /></bpmn:extensionElements></bpmn:serviceTask>`);

t.test('a failing job waits per its backoff schedule, the last wait repeating, then raises an incident', async (t) => {
  let calls = 0;
  const engine = await engineWith([model('PT10S,PT1M')], {
    handlers: {
      'crm:call': () => {
        calls += 1;
        throw new Error('line busy');
      },
    },
  });
  const instance = start(engine, 'process');
  const retryAt = () => Object.values(engine.instance(instance.id)!.jobs)[0]!.retryAt! - engine.clock().getTime();
  await engine.runJobs();
  t.equal(retryAt(), 10_000, 'first failure: 10 s');
  engine.clock.advance(10_000);
  await engine.runJobs();
  t.equal(retryAt(), 60_000, 'second failure: 1 min');
  engine.clock.advance(60_000);
  await engine.runJobs();
  t.equal(retryAt(), 60_000, 'third failure: the last wait repeats');
  engine.clock.advance(60_000);
  await engine.runJobs();
  t.equal(calls, 4);
  t.match(engine.incidents(instance.id), [{ errorType: 'JOB_NO_RETRIES', message: 'line busy' }]);
});

t.test('a backoff that is not a list of fixed durations is a deployment problem', async (t) => {
  const parsed = await parseBpmn(model('PT10S,P1M'));
  t.match(parsed, { ok: false, problems: [{ elementId: 'call', message: /'P1M' is not one of fixed length/ }] });
});
