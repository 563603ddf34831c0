import type { ModdleElement } from 'bpmn-moddle';
import { SEQUENCE_FLOW } from '../element-types.js';
import type { ModelScan, ProcessScan } from '../model-scan.js';
import { elementProp, expressionBody } from '../moddle-access.js';
import { problem, type ParseProblem } from '../parse-problem.js';

const CHOOSING_GATEWAYS: ReadonlySet<string> = new Set(['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway']);

/**
 * A gateway that chooses (exclusive, inclusive) between several outgoing flows needs a
 * condition on each flow but its default; and any element's default flow must leave
 * that element.
 */
export function checkGatewayConditions(scan: ModelScan): readonly ParseProblem[] {
  return scan.processes.flatMap(checkProcess);
}

function checkProcess(process: ProcessScan): ParseProblem[] {
  const problems: ParseProblem[] = [];
  const outgoing = new Map<ModdleElement, ModdleElement[]>();
  for (const { element } of process.elements) {
    const source = element.$type === SEQUENCE_FLOW ? elementProp(element, 'sourceRef') : undefined;
    if (source) outgoing.set(source, [...(outgoing.get(source) ?? []), element]);
  }
  for (const { element, id } of process.elements) {
    const flows = outgoing.get(element) ?? [];
    const defaultFlow = elementProp(element, 'default');
    if (defaultFlow && !flows.includes(defaultFlow)) {
      problems.push(problem(id, `Expected the default flow of '${id}' to leave it, but '${defaultFlow.id ?? '?'}' does not`));
    }
    if (!CHOOSING_GATEWAYS.has(element.$type) || flows.length < 2) continue;
    const kind = element.$type === 'bpmn:ExclusiveGateway' ? 'exclusive' : 'inclusive';
    for (const flow of flows) {
      if (flow === defaultFlow || expressionBody(elementProp(flow, 'conditionExpression'))) continue;
      problems.push(problem(flow.id, `Expected sequence flow '${flow.id ?? '?'}' out of ${kind} gateway '${id}' to have a condition or be its default flow, but it has no condition`));
    }
  }
  return problems;
}
