import { SEQUENCE_FLOW } from '../element-types.js';
import type { ModelScan } from '../model-scan.js';
import { problem, type ParseProblem } from '../parse-problem.js';

/** Every process and flow element needs an id: history, tasks and incidents name elements by it. */
export function checkElementIds(scan: ModelScan): readonly ParseProblem[] {
  const problems: ParseProblem[] = [];
  for (const process of scan.processes) {
    if (!process.key) problems.push(problem(null, 'Expected every bpmn:process to have an id, but one has none'));
    for (const { element, id, containerId } of process.elements) {
      if (id) continue;
      const where = containerId ?? process.key ?? 'the process';
      const what = element.$type === SEQUENCE_FLOW ? 'sequence flow' : element.$type;
      problems.push(problem(containerId ?? process.key, `Expected every element to have an id, but a ${what} in '${where}' has none`));
    }
  }
  return problems;
}
