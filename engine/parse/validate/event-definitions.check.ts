import type { ModdleElement } from 'bpmn-moddle';
import type { ModelScan, ProcessScan, ScannedElement } from '../model-scan.js';
import { booleanProp, elementProp, listProp } from '../moddle-access.js';
import { problem, type ParseProblem } from '../parse-problem.js';

type Definition = 'none' | 'terminate' | 'timer' | 'message' | 'signal' | 'error' | 'escalation' | 'conditional' | 'link' | 'compensate' | 'cancel';

/** What each kind of event may carry, by where it stands (BPMN 2.0 table 10.84–10.90, as far as the engine runs it). */
const ALLOWED: Record<string, ReadonlySet<Definition>> = {
  processStart: new Set(['none', 'timer', 'message', 'signal']),
  subProcessStart: new Set(['none']),
  eventSubProcessStart: new Set(['timer', 'message', 'signal', 'error', 'escalation', 'conditional']),
  end: new Set(['none', 'terminate', 'error', 'escalation', 'message', 'signal', 'compensate', 'cancel']),
  intermediateThrow: new Set(['none', 'message', 'signal', 'escalation', 'compensate', 'link']),
  intermediateCatch: new Set(['timer', 'message', 'signal', 'conditional', 'link']),
  boundary: new Set(['timer', 'message', 'signal', 'error', 'escalation', 'conditional', 'compensate', 'cancel']),
};

const KIND_OF_TYPE: Record<string, Definition> = {
  'bpmn:TerminateEventDefinition': 'terminate',
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:EscalationEventDefinition': 'escalation',
  'bpmn:ConditionalEventDefinition': 'conditional',
  'bpmn:LinkEventDefinition': 'link',
  'bpmn:CompensateEventDefinition': 'compensate',
  'bpmn:CancelEventDefinition': 'cancel',
};

/**
 * Events carry a definition their position allows; event sub-processes, boundary events,
 * event-based gateways, links, cancel events and compensation handlers are wired the
 * way the engine can run them. Every problem names the element.
 */
export function checkEventDefinitions(scan: ModelScan): readonly ParseProblem[] {
  return scan.processes.flatMap((process) => checkProcess(process));
}

function checkProcess(process: ProcessScan): ParseProblem[] {
  const problems: ParseProblem[] = [];
  const byId = new Map(process.elements.filter((e) => e.id).map((e) => [e.id!, e]));
  const report = (id: string | null, message: string) => problems.push(problem(id, message));
  for (const scanned of process.elements) {
    const { element, id } = scanned;
    const name = `'${id ?? '?'}'`;
    const definitions = [...listProp(element, 'eventDefinitions'), ...listProp(element, 'eventDefinitionRef')];
    const position = positionOf(scanned, byId);
    if (position) {
      if (definitions.length > 1) report(id, `Expected ${name} to have one event definition, but it has ${definitions.length}`);
      const kind: Definition = definitions.length === 0 ? 'none' : (KIND_OF_TYPE[definitions[0]!.$type] ?? 'none');
      if (definitions.length === 1 && !KIND_OF_TYPE[definitions[0]!.$type]) {
        report(id, `Expected a supported event definition on ${name}, but it has a ${definitions[0]!.$type}`);
      } else if (!ALLOWED[position]!.has(kind)) {
        report(id, `Expected ${name} (${describe(position)}) to have ${list(ALLOWED[position]!)}, but it has ${kind === 'none' ? 'no event definition' : `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} event definition`}`);
      }
      if (kind === 'cancel' && !insideTransaction(scanned, byId, position)) {
        report(id, `Expected cancel event ${name} ${position === 'boundary' ? 'to be attached to' : 'to be inside'} a transaction, but it is not`);
      }
      if (position === 'eventSubProcessStart' && (kind === 'error' || kind === 'compensate') && !booleanProp(element, 'isInterrupting', true)) {
        report(id, `Expected the ${kind} start event ${name} to interrupt, but it is non-interrupting`);
      }
      if (position === 'boundary' && (kind === 'error' || kind === 'cancel' || kind === 'compensate') && !booleanProp(element, 'cancelActivity', true)) {
        report(id, `Expected the ${kind} boundary event ${name} to interrupt, but it is non-interrupting`);
      }
    }
    if (element.$type === 'bpmn:BoundaryEvent') problems.push(...checkBoundary(process, scanned, name));
    if (element.$type === 'bpmn:SubProcess' && booleanProp(element, 'triggeredByEvent', false)) problems.push(...checkEventSubProcess(process, element, id, name));
    if (element.$type === 'bpmn:EventBasedGateway') problems.push(...checkEventBasedGateway(process, element, id, name));
  }
  problems.push(...checkLinks(process));
  return problems;
}

function positionOf(scanned: ScannedElement, byId: Map<string, ScannedElement>): string | null {
  switch (scanned.element.$type) {
    case 'bpmn:StartEvent': {
      if (scanned.containerId === null) return 'processStart';
      const container = byId.get(scanned.containerId)?.element;
      return container && booleanProp(container, 'triggeredByEvent', false) ? 'eventSubProcessStart' : 'subProcessStart';
    }
    case 'bpmn:EndEvent':
      return 'end';
    case 'bpmn:IntermediateThrowEvent':
      return 'intermediateThrow';
    case 'bpmn:IntermediateCatchEvent':
      return 'intermediateCatch';
    case 'bpmn:BoundaryEvent':
      return 'boundary';
    default:
      return null;
  }
}

function insideTransaction(scanned: ScannedElement, byId: Map<string, ScannedElement>, position: string): boolean {
  if (position === 'boundary') return elementProp(scanned.element, 'attachedToRef')?.$type === 'bpmn:Transaction';
  for (let container = scanned.containerId; container !== null; container = byId.get(container)?.containerId ?? null) {
    if (byId.get(container)?.element.$type === 'bpmn:Transaction') return true;
  }
  return false;
}

function checkBoundary(process: ProcessScan, { element, id }: ScannedElement, name: string): ParseProblem[] {
  const problems: ParseProblem[] = [];
  const attached = elementProp(element, 'attachedToRef');
  if (!attached || !isActivityType(attached.$type)) problems.push(problem(id, `Expected boundary event ${name} to be attached to an activity, but it is not`));
  if (process.elements.some((scanned) => scanned.element.$type === 'bpmn:SequenceFlow' && elementProp(scanned.element, 'targetRef') === element)) {
    problems.push(problem(id, `Expected no sequence flow into boundary event ${name}, but there is one`));
  }
  return problems;
}

function checkEventSubProcess(process: ProcessScan, element: ModdleElement, id: string | null, name: string): ParseProblem[] {
  const problems: ParseProblem[] = [];
  const connected = process.elements.some(
    (scanned) => scanned.element.$type === 'bpmn:SequenceFlow' && (elementProp(scanned.element, 'sourceRef') === element || elementProp(scanned.element, 'targetRef') === element),
  );
  if (connected) problems.push(problem(id, `Expected event sub-process ${name} to have no incoming or outgoing sequence flows, but it has some`));
  const starts = listProp(element, 'flowElements').filter((child) => child.$type === 'bpmn:StartEvent');
  if (starts.length !== 1 || listProp(starts[0], 'eventDefinitions').length + listProp(starts[0], 'eventDefinitionRef').length === 0) {
    problems.push(problem(id, `Expected event sub-process ${name} to have exactly one start event with an event definition, but it has ${starts.length === 1 ? 'a none start event' : `${starts.length} start events`}`));
  }
  return problems;
}

function checkEventBasedGateway(process: ProcessScan, element: ModdleElement, id: string | null, name: string): ParseProblem[] {
  const problems: ParseProblem[] = [];
  // Flows name their ends; a node's own <outgoing> list is optional in the XML.
  const targets = process.elements
    .filter((scanned) => scanned.element.$type === 'bpmn:SequenceFlow' && elementProp(scanned.element, 'sourceRef') === element)
    .map((scanned) => elementProp(scanned.element, 'targetRef'));
  if (targets.length < 2) problems.push(problem(id, `Expected event-based gateway ${name} to have at least two outgoing flows, but it has ${targets.length}`));
  for (const target of targets) {
    const waits =
      target?.$type === 'bpmn:ReceiveTask' ||
      (target?.$type === 'bpmn:IntermediateCatchEvent' && ['timer', 'message', 'signal', 'conditional'].includes(KIND_OF_TYPE[listProp(target, 'eventDefinitions')[0]?.$type ?? ''] ?? ''));
    if (!waits) problems.push(problem(id, `Expected every flow out of event-based gateway ${name} to lead to a timer, message, signal or conditional catch event or a receive task, but '${target?.id ?? '?'}' is none of these`));
  }
  return problems;
}

function checkLinks(process: ProcessScan): ParseProblem[] {
  const problems: ParseProblem[] = [];
  const catches = new Map<string, string>();
  const linkName = (element: ModdleElement) => {
    const definition = listProp(element, 'eventDefinitions')[0];
    return definition?.$type === 'bpmn:LinkEventDefinition' ? String(definition['name'] ?? '') : null;
  };
  for (const { element, id, containerId } of process.elements) {
    const link = element.$type === 'bpmn:IntermediateCatchEvent' ? linkName(element) : null;
    if (link === null) continue;
    const key = `${containerId ?? ''}|${link}`;
    if (catches.has(key)) problems.push(problem(id, `Expected one link catch event named '${link}' in its scope, but '${catches.get(key)}' and '${id ?? '?'}' share it`));
    else catches.set(key, id ?? '?');
  }
  for (const { element, id, containerId } of process.elements) {
    const link = element.$type === 'bpmn:IntermediateThrowEvent' ? linkName(element) : null;
    if (link !== null && !catches.has(`${containerId ?? ''}|${link}`)) {
      problems.push(problem(id, `Expected a link catch event named '${link}' in the scope of link throw '${id ?? '?'}', but there is none`));
    }
  }
  return problems;
}

function isActivityType(type: string): boolean {
  return /Task$|^bpmn:SubProcess$|^bpmn:Transaction$|^bpmn:CallActivity$/.test(type);
}

function describe(position: string): string {
  return position.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`) + ' event';
}

function list(allowed: ReadonlySet<Definition>): string {
  const kinds = [...allowed].filter((kind) => kind !== 'none');
  const some = kinds.length === 0 ? '' : `a ${kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`} event definition`;
  if (!allowed.has('none')) return some;
  return some === '' ? 'no event definition' : `no event definition or ${some}`;
}
