import type { ModdleElement } from 'bpmn-moddle';
import { SEQUENCE_FLOW } from '../element-types.js';
import type { ModelScan, ProcessScan } from '../model-scan.js';
import { isModdleElement } from '../moddle-access.js';
import { problem, type ParseProblem } from '../parse-problem.js';

/**
 * Every sequence flow connects two flow nodes of the same container: no flow to nowhere,
 * no flow from nowhere, none across a sub-process border, none out of an end event.
 */
export function checkSequenceFlowEnds(scan: ModelScan): readonly ParseProblem[] {
  return scan.processes.flatMap((process) => checkProcess(scan, process));
}

function checkProcess(scan: ModelScan, process: ProcessScan): ParseProblem[] {
  const problems: ParseProblem[] = [];
  const containerOf = new Map<ModdleElement, string | null>();
  for (const { element, containerId } of process.elements) containerOf.set(element, containerId);
  for (const { element, id } of process.elements) {
    if (element.$type !== SEQUENCE_FLOW || !id) continue;
    const source = end(scan, element, id, 'sourceRef', 'start at', problems);
    const target = end(scan, element, id, 'targetRef', 'lead to', problems);
    if (!source || !target) continue;
    if (containerOf.get(source) !== containerOf.get(target)) {
      problems.push(problem(id, `Expected sequence flow '${id}' to connect elements of one (sub-)process, but '${source.id}' and '${target.id}' are in different ones`));
    }
    if (source.$type === 'bpmn:EndEvent') {
      problems.push(problem(source.id, `Expected end event '${source.id}' to have no outgoing sequence flow, but '${id}' leaves it`));
    }
  }
  return problems;
}

function end(scan: ModelScan, flow: ModdleElement, id: string, property: string, verb: string, problems: ParseProblem[]): ModdleElement | null {
  const value = flow[property];
  if (isModdleElement(value) && value.$instanceOf('bpmn:FlowNode')) {
    return value;
  }
  if (isModdleElement(value)) {
    problems.push(problem(id, `Expected sequence flow '${id}' to ${verb} a flow node, but '${value.id ?? '?'}' is a ${value.$type}`));
    return null;
  }
  const missing = scan.unresolved.get(`${id}|bpmn:${property}`);
  problems.push(problem(id, missing === undefined
    ? `Expected sequence flow '${id}' to ${verb} an element, but it has no ${property}`
    : `Expected sequence flow '${id}' to ${verb} an element, but '${missing}' does not exist`));
  return null;
}
