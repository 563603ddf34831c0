import t from 'tap';
import { bpmn } from '../helpers/bpmn-xml.js';
import { engineWith, start } from '../helpers/engine-harness.js';

const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
const message = (id: string, name: string, key?: string) =>
  `<bpmn:message id="${id}" name="${name}">${key ? `<bpmn:extensionElements><zeebe:subscription correlationKey="${key}" /></bpmn:extensionElements>` : ''}</bpmn:message>`;
const signal = (id: string, name: string) => `<bpmn:signal id="${id}" name="${name}" />`;

const PAYMENT = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'paid')}
   <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="payment" /></bpmn:intermediateCatchEvent>${flow('f2', 'paid', 'end')}<bpmn:endEvent id="end" />`,
  'order',
  message('payment', 'payment-received', '=orderId'),
);

t.test('a message correlates by name and correlation key, bringing its variables', async (t) => {
  const engine = await engineWith([PAYMENT]);
  const a = start(engine, 'order', { orderId: 'A-1' });
  const b = start(engine, 'order', { orderId: 'B-2' });
  t.same(engine.publishMessage({ name: 'payment-received', correlationKey: 'C-3' }).correlatedInstanceIds, [], 'no instance waits for C-3');
  const outcome = engine.publishMessage({ name: 'payment-received', correlationKey: 'B-2', variables: { amount: 120 } });
  t.same(outcome.correlatedInstanceIds, [b.id]);
  t.equal(engine.instance(b.id)!.state, 'completed');
  t.same(engine.variables(b.id), { orderId: 'B-2', amount: 120 });
  t.equal(engine.instance(a.id)!.state, 'active');
});

t.test('a numeric correlation key matches its text', async (t) => {
  const engine = await engineWith([PAYMENT]);
  const instance = start(engine, 'order', { orderId: 42 });
  t.same(engine.publishMessage({ name: 'payment-received', correlationKey: '42' }).correlatedInstanceIds, [instance.id]);
});

t.test('a message with a time to live waits for the subscription; without, it is gone', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'work')}<bpmn:userTask id="work" />${flow('f2', 'work', 'paid')}
      <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="payment" /></bpmn:intermediateCatchEvent>${flow('f3', 'paid', 'end')}<bpmn:endEvent id="end" />`, 'order', message('payment', 'payment-received', '=orderId')),
  ]);
  const early = start(engine, 'order', { orderId: 'E' });
  const lost = start(engine, 'order', { orderId: 'L' });
  engine.publishMessage({ name: 'payment-received', correlationKey: 'E', timeToLiveMs: 60_000, variables: { via: 'buffer' } });
  engine.publishMessage({ name: 'payment-received', correlationKey: 'L' });
  engine.completeTask(engine.tasks({ instanceId: early.id })[0]!.key);
  engine.completeTask(engine.tasks({ instanceId: lost.id })[0]!.key);
  t.equal(engine.instance(early.id)!.state, 'completed', 'the buffered message correlated on arrival');
  t.equal(engine.variables(early.id)['via'], 'buffer');
  t.equal(engine.instance(lost.id)!.state, 'active');
});

t.test('a buffered message expires', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'work')}<bpmn:userTask id="work" />${flow('f2', 'work', 'paid')}
      <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="payment" /></bpmn:intermediateCatchEvent>`, 'order', message('payment', 'payment-received', '=orderId')),
  ]);
  const instance = start(engine, 'order', { orderId: 'X' });
  engine.publishMessage({ name: 'payment-received', correlationKey: 'X', timeToLiveMs: 1000 });
  engine.clock.advance(1001);
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);
  t.equal(engine.instance(instance.id)!.state, 'active');
});

t.test('a message id makes publishing idempotent', async (t) => {
  const engine = await engineWith([PAYMENT]);
  start(engine, 'order', { orderId: 'A' });
  start(engine, 'order', { orderId: 'A' });
  t.equal(engine.publishMessage({ name: 'payment-received', correlationKey: 'A', messageId: 'm-1' }).correlatedInstanceIds.length, 1, 'once per process');
  t.match(engine.publishMessage({ name: 'payment-received', correlationKey: 'A', messageId: 'm-1' }), { duplicate: true, correlatedInstanceIds: [] });
  t.equal(engine.instances().filter((i) => i.state === 'active').length, 1, 'the second instance still waits');
});

t.test('a message start event starts one instance per business key while it runs', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="lead"><bpmn:messageEventDefinition messageRef="newLead" /></bpmn:startEvent>${flow('f1', 'lead', 'qualify')}<bpmn:userTask id="qualify" />`, 'leadIntake', message('newLead', 'lead-arrived')),
  ]);
  const first = engine.publishMessage({ name: 'lead-arrived', correlationKey: 'lead-7', variables: { source: 'web' } });
  t.equal(first.startedInstanceIds.length, 1);
  const instance = engine.instance(first.startedInstanceIds[0]!)!;
  t.match(instance, { businessKey: 'lead-7', state: 'active' });
  t.same(engine.variables(instance.id), { source: 'web' });
  t.same(engine.publishMessage({ name: 'lead-arrived', correlationKey: 'lead-7' }).startedInstanceIds, [], 'not twice for one key');
  t.equal(engine.publishMessage({ name: 'lead-arrived', correlationKey: 'lead-8' }).startedInstanceIds.length, 1);
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);
  t.equal(engine.publishMessage({ name: 'lead-arrived', correlationKey: 'lead-7' }).startedInstanceIds.length, 1, 'again once the first ended');
  t.equal(engine.startInstance('leadIntake').ok, false, 'no none start event');
});

t.test('a receive task waits for its message; an interrupting message boundary event cancels a task', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'offer')}<bpmn:userTask id="offer" />${flow('f2', 'offer', 'answer')}
      <bpmn:receiveTask id="answer" messageRef="reply" />${flow('f3', 'answer', 'won')}<bpmn:endEvent id="won" />
      <bpmn:boundaryEvent id="withdrawn" attachedToRef="offer"><bpmn:messageEventDefinition messageRef="withdraw" /></bpmn:boundaryEvent>${flow('f4', 'withdrawn', 'lost')}<bpmn:endEvent id="lost" />`,
      'deal', `${message('reply', 'customer-reply', '=dealId')}${message('withdraw', 'customer-withdrew', '=dealId')}`),
  ]);
  const withdrawn = start(engine, 'deal', { dealId: 'd1' });
  engine.publishMessage({ name: 'customer-withdrew', correlationKey: 'd1' });
  t.same(engine.history(withdrawn.id).map((r) => `${r.activityId}:${r.state}`), ['start:completed', 'offer:terminated', 'withdrawn:completed', 'lost:completed']);
  t.same(engine.tasks({ instanceId: withdrawn.id }), []);

  const answered = start(engine, 'deal', { dealId: 'd2' });
  engine.completeTask(engine.tasks({ instanceId: answered.id })[0]!.key);
  t.same(engine.publishMessage({ name: 'customer-withdrew', correlationKey: 'd2' }).correlatedInstanceIds, [], 'the boundary closed with its task');
  engine.publishMessage({ name: 'customer-reply', correlationKey: 'd2', variables: { accepted: true } });
  t.match(engine.instance(answered.id), { state: 'completed' });
  t.equal(engine.variables(answered.id)['accepted'], true);
});

t.test('a message thrown inside the engine (throw event, send task) correlates like a published one', async (t) => {
  const engine = await engineWith([
    PAYMENT,
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'notify')}
      <bpmn:intermediateThrowEvent id="notify"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=total" target="amount" /></zeebe:ioMapping></bpmn:extensionElements><bpmn:messageEventDefinition messageRef="pay" /></bpmn:intermediateThrowEvent>
      ${flow('f2', 'notify', 'send')}<bpmn:sendTask id="send" messageRef="pay" />${flow('f3', 'send', 'end')}<bpmn:endEvent id="end" />`, 'cashier', message('pay', 'payment-received', '=orderId')),
  ]);
  const first = start(engine, 'order', { orderId: 'Z-1' });
  const second = start(engine, 'order', { orderId: 'Z-1' });
  const cashier = start(engine, 'cashier', { orderId: 'Z-1', total: 99 });
  t.equal(engine.instance(cashier.id)!.state, 'completed');
  t.equal(engine.instance(first.id)!.state, 'completed', 'the throw event reached the first');
  t.equal(engine.variables(first.id)['amount'], 99, 'with the throw event’s mapped payload');
  t.equal(engine.instance(second.id)!.state, 'completed', 'the send task reached the second');
});

t.test('a signal reaches every subscription and starts instances at signal start events', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'work')}<bpmn:userTask id="work" />${flow('f2', 'work', 'end')}<bpmn:endEvent id="end" />
      <bpmn:boundaryEvent id="recall" attachedToRef="work" cancelActivity="false"><bpmn:signalEventDefinition signalRef="s" /></bpmn:boundaryEvent>${flow('f3', 'recall', 'check')}<bpmn:manualTask id="check" />`, 'campaign', signal('s', 'price-change')),
    bpmn(`<bpmn:startEvent id="onChange"><bpmn:signalEventDefinition signalRef="s" /></bpmn:startEvent>${flow('f1', 'onChange', 'review')}<bpmn:userTask id="review" />`, 'pricing', signal('s', 'price-change')),
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'announce')}<bpmn:intermediateThrowEvent id="announce"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateThrowEvent>${flow('f2', 'announce', 'end')}<bpmn:endEvent id="end" />`, 'announcer', signal('s', 'price-change')),
  ]);
  const a = start(engine, 'campaign');
  const b = start(engine, 'campaign');
  const outcome = engine.broadcastSignal('price-change', { percent: 5 });
  t.same([...outcome.triggeredInstanceIds].sort(), [a.id, b.id].sort());
  t.equal(outcome.startedInstanceIds.length, 1);
  t.equal(engine.variables(outcome.startedInstanceIds[0]!)['percent'], 5);
  start(engine, 'announcer');
  t.equal(engine.history(a.id).filter((r) => r.activityId === 'check').length, 2, 'non-interrupting: caught twice, the thrown signal too');
  t.equal(engine.tasks().filter((task) => task.processKey === 'pricing').length, 2);
});
