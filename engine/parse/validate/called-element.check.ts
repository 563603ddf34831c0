import type { ModelScan } from '../model-scan.js';
import { extension, stringProp } from '../moddle-access.js';
import { problem, type ParseProblem } from '../parse-problem.js';

const BINDING_TYPES: ReadonlySet<string> = new Set(['latest', 'deployment', 'versionTag']);

/** A call activity names the process it calls (`zeebe:calledElement processId`, or BPMN's `calledElement`). */
export function checkCalledElements(scan: ModelScan): readonly ParseProblem[] {
  const problems: ParseProblem[] = [];
  for (const { element, id } of scan.processes.flatMap((process) => process.elements)) {
    if (element.$type !== 'bpmn:CallActivity') continue;
    const called = extension(element, 'zeebe:CalledElement');
    const processId = stringProp(called, 'processId') ?? stringProp(element, 'calledElement');
    if (!processId?.trim()) {
      problems.push(problem(id, `Expected call activity '${id}' to name the called process (zeebe:calledElement processId), but it names none`));
    }
    const binding = stringProp(called, 'bindingType');
    if (binding !== null && !BINDING_TYPES.has(binding)) {
      problems.push(problem(id, `Expected the binding type of '${id}' to be latest, deployment or versionTag, but it is '${binding}'`));
    }
    if (binding === 'versionTag' && !stringProp(called, 'versionTag')) {
      problems.push(problem(id, `Expected call activity '${id}' with binding type versionTag to have a versionTag, but it has none`));
    }
  }
  return problems;
}
