import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { activatedElements, completedElements, eventsOf } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'inclusive-join.bpmn');
const joinsOf = (events: Parameters<typeof activatedElements>[0], id: string) =>
  eventsOf(events, 'element-activating').filter((event) => event.elementId === id).map((event) => event.payload.joinedFlowIds);

t.test('should fire once the last waited-for token takes a path that bypasses the join', async (t) => {
  // given: a is done and waits at the join; b can still reach it
  const engine = await engineWith([xml]);
  const instance = start(engine, 'bypass');
  const [a, b] = engine.tasks({ instanceId: instance.id });
  engine.completeTask(a!.key);
  t.same(joinsOf(engine.events(instance.id), 'bJoin'), []);

  // when: b leaves through the bypass end event
  engine.completeTask(b!.key, { skip: true });

  // then: the join no longer waits for b
  t.same(joinsOf(engine.events(instance.id), 'bJoin'), [['aToJoin']]);
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['joined']);
});

t.test('should join both tokens when the second one does reach the join', async (t) => {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'bypass');
  const [a, b] = engine.tasks({ instanceId: instance.id });
  engine.completeTask(b!.key, { skip: false });
  t.same(joinsOf(engine.events(instance.id), 'bJoin'), [], 'a can still arrive');
  engine.completeTask(a!.key);
  t.same(joinsOf(engine.events(instance.id), 'bJoin'), [['aToJoin', 'choiceToJoin']]);
});

t.test('should join nested inclusive gateways level by level', async (t) => {
  // given
  const engine = await engineWith([xml]);
  const instance = start(engine, 'nested');
  const byElement = () => Object.fromEntries(engine.tasks({ instanceId: instance.id }).map((task) => [task.elementId, task.key]));

  // when: the outer side branch and one inner branch finish
  engine.completeTask(byElement()['side']!);
  engine.completeTask(byElement()['inner1']!);

  // then: the inner join waits for inner2, and so does the outer join
  t.same(joinsOf(engine.events(instance.id), 'innerJoin'), []);
  t.same(joinsOf(engine.events(instance.id), 'outerJoin'), []);

  // when
  engine.completeTask(byElement()['inner2']!);

  // then
  t.same(joinsOf(engine.events(instance.id), 'innerJoin'), [['i1j', 'i2j']]);
  t.same(joinsOf(engine.events(instance.id), 'outerJoin'), [['ij', 'sj']]);
  t.equal(engine.instance(instance.id)?.state, 'completed');
});

t.test('should wait while a looping token can still come back to the join', async (t) => {
  // given: the direct token waits at the join; review loops twice
  const engine = await engineWith([xml]);
  const instance = start(engine, 'looping');
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key, { redo: true });
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key, { redo: true });
  t.same(joinsOf(engine.events(instance.id), 'lJoin'), []);

  // when
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key, { redo: false });

  // then
  t.same(activatedElements(engine.events(instance.id)).filter((id) => id === 'review').length, 3);
  t.same(joinsOf(engine.events(instance.id), 'lJoin'), [['lDirect', 'againToJoin']]);
  t.equal(engine.instance(instance.id)?.state, 'completed');
});

t.test('should not wait for a token that could also reach a flow that already has one (BPMN 2.0 §13.4.4)', async (t) => {
  // given: a token arrives on j1 while another sits at `either`, which can reach j1 and j2
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'either-way');

  // then: the join fires for j1 at once
  t.same(joinsOf(engine.events(instance.id), 'eJoin'), [['j1']]);

  // when: the second token arrives on j2 later
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key, { viaMerge: false });

  // then: it fires again for that token
  t.same(joinsOf(engine.events(instance.id), 'eJoin'), [['j1'], ['j2']]);
  t.equal(engine.instance(instance.id)?.state, 'completed');
});

t.test('should only consider tokens of its own scope', async (t) => {
  // when: inside the sub-process one branch was not taken; a token outside waits at a user task
  const engine = await engineWith([xml]);
  const instance = start(engine, 'scoped');

  // then: the sub-process join fired and the sub-process completed
  t.same(joinsOf(engine.events(instance.id), 'subJoin'), [['sub1']]);
  t.ok(completedElements(engine.events(instance.id)).includes('sub'));
});
