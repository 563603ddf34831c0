import t from 'tap';
import { bpmn } from '../helpers/bpmn-xml.js';
import { engineWith, start } from '../helpers/engine-harness.js';

const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
const trail = (engine: { history(id: string): { activityId: string; state: string }[] }, id: string) => engine.history(id).map((r) => `${r.activityId}:${r.state}`);

const RACE = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'race')}<bpmn:eventBasedGateway id="race" />
   ${flow('f2', 'race', 'answer')}<bpmn:intermediateCatchEvent id="answer"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>${flow('f3', 'answer', 'won')}<bpmn:endEvent id="won" />
   ${flow('f4', 'race', 'silence')}<bpmn:intermediateCatchEvent id="silence"><bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>${flow('f5', 'silence', 'lost')}<bpmn:endEvent id="lost" />`,
  'offer',
  '<bpmn:message id="m" name="offer-answered"><bpmn:extensionElements><zeebe:subscription correlationKey="=offerId" /></bpmn:extensionElements></bpmn:message>',
);

t.test('an event-based gateway lets the first event through and forgets the others', async (t) => {
  const engine = await engineWith([RACE]);
  const answered = start(engine, 'offer', { offerId: 'o1' });
  const silent = start(engine, 'offer', { offerId: 'o2' });
  t.equal(Object.keys(engine.instance(answered.id)!.subscriptions!).length, 2);
  engine.publishMessage({ name: 'offer-answered', correlationKey: 'o1', variables: { answer: 'yes' } });
  t.same(trail(engine, answered.id), ['start:completed', 'race:completed', 'answer:completed', 'won:completed']);
  t.same(engine.instance(answered.id)!.subscriptions, {}, 'the timer was closed');
  engine.clock.advance(7 * 24 * 3_600_000);
  t.equal(engine.fireDueTimers(), 1, 'only the silent offer’s timer was still there');
  t.same(trail(engine, silent.id), ['start:completed', 'race:completed', 'silence:completed', 'lost:completed']);
});

t.test('a conditional catch waits until its condition holds; a conditional boundary reacts to variable changes', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'split')}<bpmn:parallelGateway id="split" />
      ${flow('f2', 'split', 'untilBig')}<bpmn:intermediateCatchEvent id="untilBig"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">=amount &gt; 1000</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>${flow('f3', 'untilBig', 'big')}<bpmn:endEvent id="big" />
      ${flow('f4', 'split', 'work')}<bpmn:userTask id="work" />${flow('f5', 'work', 'done')}<bpmn:endEvent id="done" />
      <bpmn:boundaryEvent id="discountAsked" attachedToRef="work" cancelActivity="false"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">=discount != null and discount &gt; 20</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:boundaryEvent>
      ${flow('f6', 'discountAsked', 'approve')}<bpmn:userTask id="approve" />`),
  ]);
  const instance = start(engine, 'process', { amount: 10 });
  t.ok(trail(engine, instance.id).includes('untilBig:active'));
  engine.setVariables(instance.id, { amount: 5000 });
  t.ok(trail(engine, instance.id).includes('big:completed'), 'the condition came true');
  engine.setVariables(instance.id, { discount: 10 });
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['work']);
  engine.setVariables(instance.id, { discount: 30 });
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId).sort(), ['approve', 'work']);
});

t.test('a condition already true when reached does not wait', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'gate')}<bpmn:intermediateCatchEvent id="gate"><bpmn:conditionalEventDefinition><bpmn:condition>=ready</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>${flow('f2', 'gate', 'end')}<bpmn:endEvent id="end" />`),
  ]);
  t.equal(engine.instance(start(engine, 'process', { ready: true }).id)!.state, 'completed');
});

t.test('a link throw continues at the link catch of the same name', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'goto')}<bpmn:intermediateThrowEvent id="goto"><bpmn:linkEventDefinition name="page2" /></bpmn:intermediateThrowEvent>
      <bpmn:intermediateCatchEvent id="arrive"><bpmn:linkEventDefinition name="page2" /></bpmn:intermediateCatchEvent>${flow('f2', 'arrive', 'end')}<bpmn:endEvent id="end" />`),
  ]);
  const instance = start(engine, 'process');
  t.equal(engine.instance(instance.id)!.state, 'completed');
  t.same(trail(engine, instance.id), ['start:completed', 'goto:completed', 'arrive:completed', 'end:completed']);
});

const BOOKING = (end: string) =>
  bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'hotel')}
    <bpmn:task id="hotel" />${flow('f2', 'hotel', 'flight')}<bpmn:task id="flight" />${flow('f3', 'flight', 'finish')}${end}
    <bpmn:boundaryEvent id="hotelComp" attachedToRef="hotel"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    <bpmn:boundaryEvent id="flightComp" attachedToRef="flight"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>
    <bpmn:userTask id="cancelHotel" isForCompensation="true" /><bpmn:userTask id="cancelFlight" isForCompensation="true" />
    <bpmn:association id="a1" associationDirection="One" sourceRef="hotelComp" targetRef="cancelHotel" />
    <bpmn:association id="a2" associationDirection="One" sourceRef="flightComp" targetRef="cancelFlight" />`);

t.test('a compensation end event runs the handlers of completed activities, most recent first, then ends', async (t) => {
  const engine = await engineWith([BOOKING('<bpmn:endEvent id="finish"><bpmn:compensateEventDefinition /></bpmn:endEvent>')]);
  const instance = start(engine, 'process');
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['cancelFlight'], 'the flight first');
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['cancelHotel']);
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);
  t.equal(engine.instance(instance.id)!.state, 'completed');
  t.ok(trail(engine, instance.id).includes('finish:completed'), 'the end event waited for its handlers, then completed');
});

t.test('a compensation throw naming one activity compensates only that one', async (t) => {
  const engine = await engineWith([BOOKING('<bpmn:endEvent id="finish"><bpmn:compensateEventDefinition activityRef="hotel" /></bpmn:endEvent>')]);
  const instance = start(engine, 'process');
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['cancelHotel']);
});

t.test('a cancel end event compensates its transaction and leaves by the cancel boundary event', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'tx')}
      <bpmn:transaction id="tx"><bpmn:startEvent id="ts" />${flow('t1', 'ts', 'reserve')}<bpmn:task id="reserve" />${flow('t2', 'reserve', 'decide')}<bpmn:userTask id="decide" />
        ${flow('t3', 'decide', 'abort')}<bpmn:endEvent id="abort"><bpmn:cancelEventDefinition /></bpmn:endEvent>
        <bpmn:boundaryEvent id="reserveComp" attachedToRef="reserve"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent><bpmn:task id="release" isForCompensation="true" />
        <bpmn:association id="a1" sourceRef="reserveComp" targetRef="release" /></bpmn:transaction>
      ${flow('f2', 'tx', 'booked')}<bpmn:endEvent id="booked" />
      <bpmn:boundaryEvent id="cancelled" attachedToRef="tx"><bpmn:cancelEventDefinition /></bpmn:boundaryEvent>${flow('f3', 'cancelled', 'sorry')}<bpmn:endEvent id="sorry" />`),
  ]);
  const instance = start(engine, 'process');
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);
  const records = trail(engine, instance.id);
  t.ok(records.includes('release:completed'), 'the reservation was released');
  t.ok(records.includes('tx:terminated'));
  t.equal(records.at(-1), 'sorry:completed');
  t.equal(engine.instance(instance.id)!.state, 'completed');
});

t.test('a terminate end event inside a sub-process ends only that sub-process', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'sub')}
      <bpmn:subProcess id="sub"><bpmn:startEvent id="s" />${flow('i1', 's', 'fork')}<bpmn:parallelGateway id="fork" />${flow('i2', 'fork', 'slow')}<bpmn:userTask id="slow" />
        ${flow('i3', 'fork', 'stop')}<bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent></bpmn:subProcess>
      ${flow('f2', 'sub', 'after')}<bpmn:userTask id="after" />`),
  ]);
  const instance = start(engine, 'process');
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['after']);
  t.ok(trail(engine, instance.id).includes('slow:terminated'));
  t.ok(trail(engine, instance.id).includes('sub:completed'));
});
