import t from 'tap';
import { ffModdleDescriptor, parseBpmn } from '../../../engine/index.js';
import { fixture } from '../helpers/engine-harness.js';

t.test('should parse a valid model into a frozen executable process', async (t) => {
  // given
  const xml = fixture(import.meta.url, 'parse-bpmn.bpmn');

  // when
  const result = await parseBpmn(xml);

  // then
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const { definitions } = result;
  t.same(definitions.processKeys, ['deal']);
  const process = definitions.processes['deal']!;
  t.equal(process.startEventId, 'start');
  t.equal(process.versionTag, 'v7');
  t.ok(Object.isFrozen(process) && Object.isFrozen(process.elements) && Object.isFrozen(process.elements['qualify']));
  t.same(Object.keys(process.flows).sort(), ['notifyToEnd', 'toDecide', 'toEnd', 'toNotify', 'toQualify']);
});

t.test('should precompute flows, defaults and element fields', async (t) => {
  // given
  const result = await parseBpmn(fixture(import.meta.url, 'parse-bpmn.bpmn'));
  if (!result.ok) throw new Error('fixture should parse');
  const { elements } = result.definitions.processes['deal']!;

  // then
  const decide = elements['decide']!;
  t.same(decide.outgoing.map((flow) => flow.id), ['toNotify', 'toEnd']);
  t.equal(decide.defaultFlow?.id, 'toEnd');
  t.equal(decide.outgoing[0]!.condition?.source, 'amount > 10000');
  t.equal(elements['end']!.incoming.length, 2);
  t.equal(elements['start']!.stage, 'lead');

  const qualify = elements['qualify']!;
  if (qualify.kind !== 'user-task') throw new Error('qualify should be a user task');
  t.same(qualify.userTask.candidateGroups, { kind: 'static', value: ['sales', 'presales'] });
  t.equal(qualify.userTask.assignee?.kind, 'expression');
  t.same(qualify.userTask.priority, { kind: 'static', value: 80 });
  t.equal(qualify.userTask.formKey, 'qualify-lead');
  t.same(qualify.io?.outputs.map((output) => output.targetPath), [['lead', 'qualified']]);

  const notify = elements['notify']!;
  if (notify.kind !== 'service-task') throw new Error('notify should be a service task');
  t.same(notify.job.type, { kind: 'static', value: 'notify' });
  t.same(notify.job.retries, { kind: 'static', value: 5 });
  t.same(notify.job.headers, { template: 'big-deal' });
  t.equal(notify.loop?.kind, 'multi-instance');
  if (notify.loop?.kind !== 'multi-instance') return;
  t.equal(notify.loop.isSequential, true);
  t.equal(notify.loop.inputElement, 'manager');
  t.equal(notify.loop.outputCollection, 'sent');
  t.ok(notify.loop.completionCondition);
});

t.test('should reject input that is not BPMN with one problem without element', async (t) => {
  for (const input of ['', 'garbage', '<a/>', '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>', '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p">']) {
    // when
    const result = await parseBpmn(input);

    // then
    t.equal(result.ok, false, `rejects ${JSON.stringify(input)}`);
    if (result.ok) continue;
    t.equal(result.problems.length, 1);
    t.equal(result.problems[0]!.elementId, null);
    t.match(result.problems[0]!.message, /^Expected BPMN 2\.0 XML/);
  }
});

t.test('should never throw, whatever it is given', async (t) => {
  for (const input of [undefined, null, 42, {}] as unknown as string[]) {
    const result = await parseBpmn(input);
    t.equal(result.ok, false);
  }
});

t.test('should export the ff moddle descriptor for the modeler', async (t) => {
  t.equal(ffModdleDescriptor.prefix, 'ff');
  t.equal(ffModdleDescriptor.uri, 'http://funnelflow.dev/schema/bpmn/1.0');
});
