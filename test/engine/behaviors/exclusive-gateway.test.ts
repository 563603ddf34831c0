import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { activatedElements, eventsOf } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'exclusive-gateway.bpmn');

t.test('should take the first flow whose condition holds, in document order', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'route', { amount: 500000 });
  t.same(eventsOf(engine.events(instance.id), 'sequence-flow-taken').map((event) => event.elementId), ['f1', 'toHuge', 'h', 'toEnd']);
});

t.test('should take the default flow when no condition holds, and treat a null condition as false', async (t) => {
  const engine = await engineWith([xml]);
  const small = start(engine, 'route', { amount: 5 });
  const missing = start(engine, 'route', {});
  for (const instance of [small, missing]) {
    t.same(activatedElements(engine.events(instance.id)), ['route', 'start', 'size', 'small', 'merge', 'end']);
    t.equal(instance.state, 'completed');
  }
});

t.test('should raise an incident when no condition holds and there is no default flow', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'strict', {});

  // then
  t.equal(instance.state, 'incident');
  t.match(engine.incidents(instance.id), [{ elementId: 'check', errorType: 'CONDITION_ERROR', step: 'activate', message: /^Expected at least one condition/ }]);

  // when: the data is fixed and the incident resolved
  engine.setVariables(instance.id, { approved: false });
  engine.resolveIncident(engine.incidents(instance.id)[0]!.key);

  // then
  t.equal(engine.instance(instance.id)?.state, 'completed');
  t.same(activatedElements(engine.events(instance.id)).slice(-1), ['rejected']);
});

t.test('should raise an incident when a condition is not a boolean', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'strict', { approved: 'yes' });
  t.match(engine.incidents(instance.id), [{ errorType: 'CONDITION_ERROR', message: /to be a boolean, but it is "yes"/ }]);
});
