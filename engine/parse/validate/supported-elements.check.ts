import type { ModdleElement } from 'bpmn-moddle';
import { KIND_BY_BPMN_TYPE, NOT_EXECUTED, NOT_SUPPORTED_YET, SEQUENCE_FLOW } from '../element-types.js';
import type { ModelScan } from '../model-scan.js';
import { booleanProp, extensions, listProp } from '../moddle-access.js';
import { problem, type ParseProblem } from '../parse-problem.js';

/** Extension elements whose meaning the engine would silently skip: reject rather than ignore. */
const UNSUPPORTED_EXTENSIONS_YET: ReadonlySet<string> = new Set(['zeebe:ExecutionListeners', 'zeebe:TaskListeners']);

/**
 * Every flow element must be one the engine runs. Elements of the next issue (boundary
 * and catch events, event definitions, event sub-processes, compensation) get a
 * "not supported yet" problem naming them.
 */
export function checkSupportedElements(scan: ModelScan): readonly ParseProblem[] {
  const problems: ParseProblem[] = [];
  for (const { element, id } of scan.processes.flatMap((process) => process.elements)) {
    const type = element.$type;
    if (type === SEQUENCE_FLOW || NOT_EXECUTED.has(type)) continue;
    const name = `'${id ?? '?'}'`;
    if (NOT_SUPPORTED_YET.has(type)) {
      problems.push(problem(id, `Expected a supported element, but ${name} is a ${type}, which is not supported yet`));
      continue;
    }
    if (!(type in KIND_BY_BPMN_TYPE)) {
      problems.push(problem(id, `Expected a supported element, but ${name} is a ${type}, which is not supported`));
      continue;
    }
    if (booleanProp(element, 'triggeredByEvent', false)) {
      problems.push(problem(id, `Expected an embedded sub-process, but ${name} is an event sub-process, which is not supported yet`));
    }
    if (booleanProp(element, 'isForCompensation', false)) {
      problems.push(problem(id, `Expected a regular activity, but ${name} is a compensation handler, which is not supported yet`));
    }
    const definition = unsupportedEventDefinition(element);
    if (definition) {
      problems.push(problem(id, `Expected a none${type === 'bpmn:EndEvent' ? ' or terminate' : ''} event, but ${name} has a ${definition}, which is not supported yet`));
    }
    for (const extension of extensions(element)) {
      if (UNSUPPORTED_EXTENSIONS_YET.has(extension.$type)) {
        problems.push(problem(id, `Expected no ${extension.$type} on ${name}, but found one: it is not supported yet`));
      }
    }
  }
  return problems;
}

function unsupportedEventDefinition(element: ModdleElement): string | null {
  const definitions = [...listProp(element, 'eventDefinitions'), ...listProp(element, 'eventDefinitionRef')];
  if (definitions.length === 0) return null;
  if (definitions.length > 1) return 'multiple event definitions';
  const type = definitions[0]!.$type;
  if (element.$type === 'bpmn:EndEvent' && type === 'bpmn:TerminateEventDefinition') return null;
  return type;
}
