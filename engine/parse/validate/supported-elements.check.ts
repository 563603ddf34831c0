import { KIND_BY_BPMN_TYPE, NOT_EXECUTED, SEQUENCE_FLOW } from '../element-types.js';
import type { ModelScan } from '../model-scan.js';
import { extensions } from '../moddle-access.js';
import { problem, type ParseProblem } from '../parse-problem.js';

/** Extension elements whose meaning the engine would silently skip: reject rather than ignore. */
const UNSUPPORTED_EXTENSIONS_YET: ReadonlySet<string> = new Set(['zeebe:ExecutionListeners', 'zeebe:TaskListeners']);

/** Every flow element must be one the engine runs (event definitions: see event-definitions.check.ts). */
export function checkSupportedElements(scan: ModelScan): readonly ParseProblem[] {
  const problems: ParseProblem[] = [];
  for (const { element, id } of scan.processes.flatMap((process) => process.elements)) {
    const type = element.$type;
    if (type === SEQUENCE_FLOW || NOT_EXECUTED.has(type)) continue;
    const name = `'${id ?? '?'}'`;
    if (!(type in KIND_BY_BPMN_TYPE)) {
      problems.push(problem(id, `Expected a supported element, but ${name} is a ${type}, which is not supported`));
      continue;
    }
    for (const extension of extensions(element)) {
      if (UNSUPPORTED_EXTENSIONS_YET.has(extension.$type)) {
        problems.push(problem(id, `Expected no ${extension.$type} on ${name}, but found one: it is not supported yet`));
      }
    }
  }
  return problems;
}
