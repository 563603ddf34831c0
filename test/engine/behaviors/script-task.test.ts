import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { brittleFeel } from '../helpers/brittle-feel.js';
import { eventsOf } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'script-task.bpmn');

t.test('should evaluate the FEEL script into its result variable and move on', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'scoring', { amount: 60, items: [1, 2] });

  // then
  t.equal(instance.state, 'completed');
  t.same(engine.variables(instance.id), { amount: 60, items: [1, 2], score: 122, grade: 'A' });
});

t.test('should keep the result local when output mappings exist, and read today() from the command clock', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'scoring', { amount: 1, items: [] });

  // then
  const local = eventsOf(engine.events(instance.id), 'variable-created').find((event) => event.payload.name === 'result');
  t.equal(local?.elementId, 'grade');
  t.same(local?.payload.value, { level: 'B', at: '2025-01-01' });
  t.notOk('result' in engine.variables(instance.id));
});

t.test('should raise an incident when the script fails, and run it again once resolved', async (t) => {
  // given
  const engine = await engineWith([xml], { expressions: brittleFeel });
  const instance = start(engine, 'fragile', { broken: true });
  t.equal(instance.state, 'incident');
  const [incident] = engine.incidents(instance.id);
  t.match(incident, { elementId: 'compute', errorType: 'EXPRESSION_ERROR', step: 'activate', message: /broken on purpose/ });

  // when
  engine.setVariables(instance.id, { broken: false });
  const resolved = engine.resolveIncident(incident!.key);

  // then
  t.equal(resolved.ok && resolved.state.state, 'completed');
  t.equal(engine.variables(instance.id)['answer'], 42);
  t.same(eventsOf(engine.events(instance.id), 'element-activated').filter((event) => event.elementId === 'compute').length, 1);
});

t.test('should run a script task with a task definition as a job', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'scripted-job');
  t.match(engine.jobs(instance.id), [{ elementId: 'external', type: 'script-runner' }]);
});
