import t from 'tap';
import { brittleFeel } from '../helpers/brittle-feel.js';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { eventsOf } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'io-mapping.bpmn');

t.test('should apply inputs in order (later ones see earlier ones), literals included', async (t) => {
  // given
  const engine = await engineWith([xml], { expressions: brittleFeel });

  // when
  const instance = start(engine, 'mapping', { deal: { amount: 100 }, broken: false });

  // then
  const [job] = engine.jobs(instance.id);
  t.same(engine.instance(instance.id)!.variables[job!.elementInstanceKey], { net: 100, gross: 120, currency: 'EUR', check: 2 });
});

t.test('should evaluate outputs against the job result kept local, and merge them outside', async (t) => {
  // given
  const engine = await engineWith([xml], { expressions: brittleFeel });
  const instance = start(engine, 'mapping', { deal: { amount: 100 }, broken: false, offer: { id: 'o-1' } });

  // when
  engine.completeJob(engine.jobs(instance.id)[0]!.key, { price: 120, fee: 5 });

  // then
  t.same(engine.variables(instance.id), { deal: { amount: 100 }, broken: false, offer: { id: 'o-1', total: 125, currency: 'EUR' } });
});

t.test('should raise an io-mapping incident when an input fails, and apply the inputs again once resolved', async (t) => {
  // given
  const engine = await engineWith([xml], { expressions: brittleFeel });
  const instance = start(engine, 'mapping', { deal: { amount: 100 }, broken: true });
  const [incident] = engine.incidents(instance.id);
  t.match(incident, { elementId: 'quote', errorType: 'IO_MAPPING_ERROR', step: 'activate', message: /input mapping 'check'/ });
  t.same(engine.jobs(instance.id), []);

  // when
  engine.setVariables(instance.id, { broken: false });
  engine.resolveIncident(incident!.key);

  // then
  t.equal(engine.instance(instance.id)?.state, 'active');
  t.equal(engine.jobs(instance.id).length, 1);
  t.equal(eventsOf(engine.events(instance.id), 'element-activated').filter((event) => event.elementId === 'quote').length, 1);
});
