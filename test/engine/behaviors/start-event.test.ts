import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { LIFECYCLE, trace } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'start-event.bpmn');

t.test('should start at the none start event with the variables in the root scope', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'start-event', { amount: 5 }, 'deal-1');

  // then
  t.equal(instance.state, 'completed');
  t.equal(instance.businessKey, 'deal-1');
  t.same(engine.variables(instance.id), { amount: 5 });
  t.same(trace(engine.events(instance.id), LIFECYCLE).slice(0, 6), [
    ['start-event', 'element-activating'],
    ['start-event', 'element-activated'],
    ['start', 'element-activating'],
    ['start', 'element-activated'],
    ['start', 'element-completing'],
    ['start', 'element-completed'],
  ]);
});

t.test('should take every outgoing flow of a start event (implicit fork)', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'start-event');

  // then
  t.same(trace(engine.events(instance.id), ['sequence-flow-taken', 'element-completed']), [
    ['start', 'element-completed'],
    ['toA', 'sequence-flow-taken'],
    ['toB', 'sequence-flow-taken'],
    ['a', 'element-completed'],
    ['b', 'element-completed'],
    ['start-event', 'element-completed'],
  ]);
});
