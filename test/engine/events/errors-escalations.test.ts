import t from 'tap';
import { bpmn } from '../helpers/bpmn-xml.js';
import { engineWith, start } from '../helpers/engine-harness.js';

const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;
const errorDef = (id: string, code: string) => `<bpmn:error id="${id}" errorCode="${code}" />`;
const trail = (engine: { history(id: string): { activityId: string; state: string }[] }, id: string) => engine.history(id).map((r) => `${r.activityId}:${r.state}`);

t.test('an error end event in a sub-process is caught by the boundary event of the sub-process', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'check')}
      <bpmn:subProcess id="check"><bpmn:startEvent id="s" />${flow('i1', 's', 'credit')}<bpmn:exclusiveGateway id="credit" default="ok" />
        <bpmn:sequenceFlow id="bad" sourceRef="credit" targetRef="reject"><bpmn:conditionExpression>=score &lt; 50</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="ok" sourceRef="credit" targetRef="fine" /><bpmn:endEvent id="fine" />
        <bpmn:endEvent id="reject"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent></bpmn:subProcess>
      ${flow('f2', 'check', 'approved')}<bpmn:endEvent id="approved" />
      <bpmn:boundaryEvent id="rejected" attachedToRef="check"><bpmn:errorEventDefinition errorRef="e" ff:errorCodeVariable="why" /></bpmn:boundaryEvent>${flow('f3', 'rejected', 'declined')}<bpmn:endEvent id="declined" />`,
      'process', errorDef('e', 'CREDIT_REJECTED')),
  ]);
  const good = start(engine, 'process', { score: 80 });
  t.equal(trail(engine, good.id).at(-1), 'approved:completed');
  const bad = start(engine, 'process', { score: 10 });
  t.same(trail(engine, bad.id), ['start:completed', 'check:terminated', 's:completed', 'credit:completed', 'reject:terminated', 'rejected:completed', 'declined:completed']);
  t.equal(engine.variables(bad.id)['why'], 'CREDIT_REJECTED');
  t.equal(engine.instance(bad.id)!.state, 'completed');
});

const JOB_ERRORS = bpmn(
  `<bpmn:startEvent id="start" />${flow('f1', 'start', 'charge')}
   <bpmn:serviceTask id="charge"><bpmn:extensionElements><zeebe:taskDefinition type="charge-card" /></bpmn:extensionElements></bpmn:serviceTask>${flow('f2', 'charge', 'end')}<bpmn:endEvent id="end" />
   <bpmn:boundaryEvent id="declined" attachedToRef="charge"><bpmn:errorEventDefinition errorRef="declinedError" /></bpmn:boundaryEvent>${flow('f3', 'declined', 'retryLater')}<bpmn:userTask id="retryLater" />
   <bpmn:boundaryEvent id="anyError" attachedToRef="charge"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>${flow('f4', 'anyError', 'manual')}<bpmn:userTask id="manual" />`,
  'process',
  errorDef('declinedError', 'CARD_DECLINED'),
);

t.test('a BPMN error thrown by a job is caught by the matching boundary, else by the catch-all', async (t) => {
  const engine = await engineWith([JOB_ERRORS]);
  const declined = start(engine, 'process');
  engine.throwBpmnError(engine.jobs(declined.id)[0]!.key, 'CARD_DECLINED', 'insufficient funds');
  t.same(engine.tasks({ instanceId: declined.id }).map((task) => task.elementId), ['retryLater']);
  t.same(engine.jobs(declined.id), [], 'the job went with its task');
  const other = start(engine, 'process');
  engine.throwBpmnError(engine.jobs(other.id)[0]!.key, 'GATEWAY_DOWN');
  t.same(engine.tasks({ instanceId: other.id }).map((task) => task.elementId), ['manual']);
});

t.test('an uncaught error raises an incident; a called child’s error is caught at the call activity', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'fail')}<bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent>`, 'child', errorDef('e', 'NOPE')),
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'call')}<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>
      ${flow('f2', 'call', 'end')}<bpmn:endEvent id="end" />
      <bpmn:boundaryEvent id="caught" attachedToRef="call"><bpmn:errorEventDefinition errorRef="e" /></bpmn:boundaryEvent>${flow('f3', 'caught', 'handled')}<bpmn:endEvent id="handled" />`, 'parent', errorDef('e', 'NOPE')),
  ]);
  const alone = start(engine, 'child');
  t.equal(engine.instance(alone.id)!.state, 'incident');
  t.match(engine.incidents(alone.id), [{ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'fail', message: /'NOPE'/ }]);
  const parent = start(engine, 'parent');
  t.equal(engine.instance(parent.id)!.state, 'completed');
  t.equal(trail(engine, parent.id).at(-1), 'handled:completed');
  const child = engine.instances().find((i) => i.parent?.instanceId === parent.id)!;
  t.equal(child.state, 'terminated', 'the child was cancelled with its call activity');
});

t.test('escalations: a non-interrupting catch runs beside, an interrupting one ends the scope, an uncaught one is no failure', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'handle')}
      <bpmn:subProcess id="handle"><bpmn:startEvent id="s" />${flow('i1', 's', 'raise')}
        <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="vip" /></bpmn:intermediateThrowEvent>${flow('i2', 'raise', 'work')}<bpmn:userTask id="work" />${flow('i3', 'work', 'stop')}
        <bpmn:endEvent id="stop"><bpmn:escalationEventDefinition escalationRef="abort" /></bpmn:endEvent></bpmn:subProcess>
      ${flow('f2', 'handle', 'end')}<bpmn:endEvent id="end" />
      <bpmn:boundaryEvent id="notify" attachedToRef="handle" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="vip" /></bpmn:boundaryEvent>${flow('f3', 'notify', 'manager')}<bpmn:userTask id="manager" />
      <bpmn:boundaryEvent id="aborted" attachedToRef="handle"><bpmn:escalationEventDefinition escalationRef="abort" /></bpmn:boundaryEvent>${flow('f4', 'aborted', 'cleanup')}<bpmn:endEvent id="cleanup" />`,
      'process', '<bpmn:escalation id="vip" escalationCode="VIP" /><bpmn:escalation id="abort" escalationCode="ABORT" />'),
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'raise')}<bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="x" /></bpmn:intermediateThrowEvent>${flow('f2', 'raise', 'end')}<bpmn:endEvent id="end" />`, 'lonely', '<bpmn:escalation id="x" escalationCode="X" />'),
  ]);
  const instance = start(engine, 'process');
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId).sort(), ['manager', 'work']);
  engine.completeTask(engine.tasks({ instanceId: instance.id }).find((task) => task.elementId === 'work')!.key);
  t.equal(trail(engine, instance.id).includes('cleanup:completed'), true);
  t.equal(trail(engine, instance.id).includes('end:completed'), false, 'the sub-process was interrupted');
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['manager']);
  t.equal(engine.instance(start(engine, 'lonely').id)!.state, 'completed');
});

t.test('event sub-processes: an interrupting one replaces the scope’s work, a non-interrupting one runs beside it', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'negotiate')}<bpmn:userTask id="negotiate" />${flow('f2', 'negotiate', 'end')}<bpmn:endEvent id="end" />
      <bpmn:subProcess id="onCancel" triggeredByEvent="true"><bpmn:startEvent id="cancelled"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>${flow('c1', 'cancelled', 'refund')}<bpmn:userTask id="refund" /></bpmn:subProcess>
      <bpmn:subProcess id="onReminder" triggeredByEvent="true"><bpmn:startEvent id="tick" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>${flow('r1', 'tick', 'nudge')}<bpmn:manualTask id="nudge" /></bpmn:subProcess>`,
      'deal', '<bpmn:message id="m" name="deal-cancelled"><bpmn:extensionElements><zeebe:subscription correlationKey="=dealId" /></bpmn:extensionElements></bpmn:message>'),
  ]);
  const instance = start(engine, 'deal', { dealId: 'D' });
  engine.clock.advance(3_600_000);
  engine.fireDueTimers();
  t.ok(trail(engine, instance.id).includes('nudge:completed'), 'the reminder ran beside the task');
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['negotiate']);
  engine.publishMessage({ name: 'deal-cancelled', correlationKey: 'D' });
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['refund']);
  t.ok(trail(engine, instance.id).includes('negotiate:terminated'));
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);
  t.equal(engine.instance(instance.id)!.state, 'completed');
  t.same(engine.instance(instance.id)!.subscriptions, {});
});

t.test('an error event sub-process catches an error thrown in its scope', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'fail')}<bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="e" /></bpmn:endEvent>
      <bpmn:subProcess id="onError" triggeredByEvent="true"><bpmn:startEvent id="caught"><bpmn:errorEventDefinition /></bpmn:startEvent>${flow('c1', 'caught', 'log')}<bpmn:manualTask id="log" /></bpmn:subProcess>`,
      'process', errorDef('e', 'BOOM')),
  ]);
  const instance = start(engine, 'process');
  t.equal(engine.instance(instance.id)!.state, 'completed');
  t.ok(trail(engine, instance.id).includes('log:completed'));
});

t.test('an escalation a called child does not catch reaches the boundary of its call activity', async (t) => {
  const engine = await engineWith([
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'raise')}<bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="x" /></bpmn:intermediateThrowEvent>${flow('f2', 'raise', 'work')}<bpmn:userTask id="work" />`, 'child', '<bpmn:escalation id="x" escalationCode="DISCOUNT" />'),
    bpmn(`<bpmn:startEvent id="start" />${flow('f1', 'start', 'call')}<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>
      ${flow('f2', 'call', 'end')}<bpmn:endEvent id="end" />
      <bpmn:boundaryEvent id="approve" attachedToRef="call" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="x" /></bpmn:boundaryEvent>${flow('f3', 'approve', 'manager')}<bpmn:userTask id="manager" />`, 'parent', '<bpmn:escalation id="x" escalationCode="DISCOUNT" />'),
  ]);
  const parent = start(engine, 'parent');
  const child = engine.instances().find((i) => i.parent?.instanceId === parent.id)!;
  t.same(engine.tasks({ instanceId: parent.id }).map((task) => task.elementId), ['manager'], 'the parent reacted');
  t.same(engine.tasks({ instanceId: child.id }).map((task) => task.elementId), ['work'], 'the child went on');
});
