import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { activatedElements, eventsOf } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'inclusive-gateway.bpmn');

t.test('should fork to every flow whose condition holds', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'inclusive', { checkCredit: true, checkLegal: true });
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['credit', 'legal']);
  t.notOk(activatedElements(engine.events(instance.id)).includes('basic'), 'the default flow is not taken');
});

t.test('should take the default flow only when no condition holds', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'inclusive', { checkCredit: false });
  t.same(activatedElements(engine.events(instance.id)), ['inclusive', 'start', 'fork', 'basic', 'join', 'end']);
  t.equal(instance.state, 'completed');
});

t.test('should join the tokens that were forked and not wait for flows that were not taken', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'inclusive', { checkCredit: true, checkLegal: false });

  // when
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);

  // then
  t.equal(engine.instance(instance.id)?.state, 'completed');
  t.same(eventsOf(engine.events(instance.id), 'element-activating').find((event) => event.elementId === 'join')?.payload.joinedFlowIds, ['creditToJoin']);
});

t.test('should wait at the join while another forked token can still arrive', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'inclusive', { checkCredit: true, checkLegal: true });
  const [credit, legal] = engine.tasks({ instanceId: instance.id });

  // when
  engine.completeTask(credit!.key);

  // then
  t.notOk(activatedElements(engine.events(instance.id)).includes('join'));
  t.same(engine.instance(instance.id)?.joins[instance.id], { join: { creditToJoin: 1 } });

  // when
  engine.completeTask(legal!.key);

  // then
  t.equal(engine.instance(instance.id)?.state, 'completed');
});

t.test('should raise an incident when no condition holds and there is no default flow', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'no-choice');
  t.match(engine.incidents(instance.id), [{ elementId: 'nFork', errorType: 'CONDITION_ERROR' }]);
});
