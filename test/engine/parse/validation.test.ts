import t from 'tap';
import { parseBpmn, type ParseProblem } from '../../../engine/index.js';
import { bpmn } from '../helpers/bpmn-xml.js';
import { fixture } from '../helpers/engine-harness.js';

async function problemsOf(xml: string): Promise<readonly ParseProblem[]> {
  const result = await parseBpmn(xml);
  return result.ok ? [] : result.problems;
}

const START = '<bpmn:startEvent id="start" /><bpmn:sequenceFlow id="s1" sourceRef="start" targetRef="end" /><bpmn:endEvent id="end" />';

t.test('should collect every problem of a broken model, not just the first', async (t) => {
  // given
  const xml = fixture(import.meta.url, 'validation.bpmn');

  // when
  const problems = await problemsOf(xml);

  // then
  const byElement = (id: string) => problems.filter((entry) => entry.elementId === id).map((entry) => entry.message);
  t.match(byElement('work'), [/unique/]);
  t.match(byElement('broken'), [/none start event/]);
  t.match(byElement('withoutCondition'), [/to have a condition or be its default flow/]);
  t.match(byElement('badFeel'), [/valid FEEL expression/]);
  t.match(byElement('toNowhere'), [/'missing' does not exist/]);
  t.match(byElement('timeout'), [/to have a timeDate, timeDuration or timeCycle/]);
  t.ok(problems.length >= 6, `found ${problems.length} problems`);
  for (const entry of problems) t.match(entry.message, /^Expected /);
});

t.test('should reject an unsupported element kind', async (t) => {
  const problems = await problemsOf(bpmn(`${START}<bpmn:complexGateway id="complex" />`));
  t.same(problems, [{ elementId: 'complex', message: "Expected a supported element, but 'complex' is a bpmn:ComplexGateway, which is not supported" }]);
});

t.test('should reject events whose definition their position does not allow, and badly wired event elements, naming them', async (t) => {
  const xml = bpmn(`
    <bpmn:startEvent id="start"><bpmn:errorEventDefinition /></bpmn:startEvent>
    <bpmn:startEvent id="plain" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:errorEventDefinition /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="bare" />
    <bpmn:endEvent id="cancel"><bpmn:cancelEventDefinition /></bpmn:endEvent>
    <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="nowhere" /></bpmn:intermediateThrowEvent>
    <bpmn:eventBasedGateway id="race" />
    <bpmn:subProcess id="onEvent" triggeredByEvent="true"><bpmn:startEvent id="inner" /></bpmn:subProcess>
    <bpmn:intermediateCatchEvent id="late"><bpmn:timerEventDefinition><bpmn:timeDuration>P1Q</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:boundaryEvent id="loose" attachedToRef="plain"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>`);
  const problems = await problemsOf(xml);
  const expectations: Array<[string, RegExp]> = [
    ['start', /\(process start event\) to have no event definition or a timer, message or signal event definition, but it has an error event definition/],
    ['wait', /intermediate catch event\) to have a timer, message, signal, conditional or link event definition/],
    ['bare', /but it has no event definition/],
    ['cancel', /to be inside a transaction/],
    ['jump', /link catch event named 'nowhere'/],
    ['race', /at least two outgoing flows/],
    ['onEvent', /exactly one start event with an event definition/],
    ['late', /ISO 8601 duration/],
    ['loose', /attached to an activity/],
  ];
  for (const [id, pattern] of expectations) {
    t.ok(problems.some((entry) => entry.elementId === id && pattern.test(entry.message)), `'${id}' is named: ${JSON.stringify(problems.filter((p) => p.elementId === id))}`);
  }
});

t.test('should reject a missing condition on a non-default flow out of an exclusive gateway', async (t) => {
  const xml = bpmn(`
    <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="s1" sourceRef="start" targetRef="g" />
    <bpmn:exclusiveGateway id="g" default="a" />
    <bpmn:sequenceFlow id="a" sourceRef="g" targetRef="end" />
    <bpmn:sequenceFlow id="b" sourceRef="g" targetRef="end" />
    <bpmn:endEvent id="end" />`);
  t.same(await problemsOf(xml), [
    { elementId: 'b', message: "Expected sequence flow 'b' out of exclusive gateway 'g' to have a condition or be its default flow, but it has no condition" },
  ]);
});

t.test('should reject unparsable FEEL wherever an expression is written', async (t) => {
  const xml = bpmn(`
    ${START}
    <bpmn:scriptTask id="script"><bpmn:extensionElements><zeebe:script expression="=1 +" resultVariable="x" /></bpmn:extensionElements></bpmn:scriptTask>
    <bpmn:userTask id="task"><bpmn:extensionElements>
      <zeebe:assignmentDefinition assignee="=(" />
      <zeebe:ioMapping><zeebe:input source="=[1," target="y" /></zeebe:ioMapping>
    </bpmn:extensionElements></bpmn:userTask>`);
  const problems = await problemsOf(xml);
  t.equal(problems.filter((entry) => entry.elementId === 'script').length, 1);
  t.equal(problems.filter((entry) => entry.elementId === 'task').length, 2);
  for (const entry of problems) t.match(entry.message, /Expected a valid FEEL expression/);
});

t.test('should reject a flow to nowhere and a flow without target', async (t) => {
  const xml = bpmn(`${START}<bpmn:sequenceFlow id="lost" sourceRef="start" targetRef="ghost" /><bpmn:sequenceFlow id="open" sourceRef="start" />`);
  t.same(await problemsOf(xml), [
    { elementId: 'lost', message: "Expected sequence flow 'lost' to lead to an element, but 'ghost' does not exist" },
    { elementId: 'open', message: "Expected sequence flow 'open' to lead to an element, but it has no targetRef" },
  ]);
});

t.test('should reject duplicate ids', async (t) => {
  const problems = await problemsOf(bpmn(`${START}<bpmn:task id="start" />`));
  t.same(problems, [{ elementId: 'start', message: "Expected element ids to be unique, but 'start' is used more than once" }]);
});

t.test('should reject a process without a none start event, and a sub-process without one', async (t) => {
  const xml = bpmn('<bpmn:task id="only" /><bpmn:subProcess id="inner"><bpmn:task id="nested" /></bpmn:subProcess>');
  t.same(await problemsOf(xml), [
    { elementId: 'process', message: "Expected process 'process' to have a none start event, but it has none" },
    { elementId: 'inner', message: "Expected sub-process 'inner' to have a none start event, but it has none" },
  ]);
});

t.test('should report unknown elements from the reader with their id', async (t) => {
  const problems = await problemsOf(bpmn(`${START}\n<bpmn:bogus id="odd" />`));
  t.same(problems.map((entry) => entry.elementId), ['odd']);
  t.match(problems[0]!.message, /^Expected a known BPMN element, but 'odd' is not one/);
});

t.test('should reject a document without an executable process', async (t) => {
  const xml = bpmn(START).replace('isExecutable="true"', 'isExecutable="false"');
  t.same(await problemsOf(xml), [{ elementId: null, message: 'Expected at least one executable bpmn:process, but found none' }]);
});

t.test('should require what tasks, call activities and loops need to run', async (t) => {
  const xml = bpmn(`
    ${START}
    <bpmn:serviceTask id="service" />
    <bpmn:scriptTask id="script" />
    <bpmn:businessRuleTask id="rules" />
    <bpmn:callActivity id="call" />
    <bpmn:task id="many"><bpmn:multiInstanceLoopCharacteristics /></bpmn:task>
    <bpmn:task id="forever"><bpmn:standardLoopCharacteristics /></bpmn:task>
    <bpmn:userTask id="mapped"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=1" /></zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>`);
  const problems = await problemsOf(xml);
  t.same(problems.map((entry) => entry.elementId), ['service', 'script', 'rules', 'call', 'many', 'forever', 'mapped']);
});

t.test('should reject sequence flows across sub-process borders and out of end events', async (t) => {
  const xml = bpmn(`
    ${START}
    <bpmn:sequenceFlow id="after" sourceRef="end" targetRef="sub" />
    <bpmn:subProcess id="sub"><bpmn:startEvent id="subStart" /><bpmn:task id="inside" /></bpmn:subProcess>
    <bpmn:sequenceFlow id="across" sourceRef="start" targetRef="inside" />`);
  const problems = await problemsOf(xml);
  t.match(problems, [
    { elementId: 'end', message: /to have no outgoing sequence flow/ },
    { elementId: 'across', message: /one \(sub-\)process/ },
  ]);
});
