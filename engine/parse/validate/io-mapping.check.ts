import type { ModelScan } from '../model-scan.js';
import { extension, listProp, stringProp } from '../moddle-access.js';
import { problem, type ParseProblem } from '../parse-problem.js';

/** Every `zeebe:input` and `zeebe:output` names the variable it writes. */
export function checkIoMappings(scan: ModelScan): readonly ParseProblem[] {
  const problems: ParseProblem[] = [];
  for (const { element, id } of scan.processes.flatMap((process) => process.elements)) {
    const mapping = extension(element, 'zeebe:IoMapping');
    const parameters = [...listProp(mapping, 'inputParameters'), ...listProp(mapping, 'outputParameters')];
    for (const parameter of parameters) {
      const target = stringProp(parameter, 'target')?.trim();
      const kind = parameter.$type === 'zeebe:Input' ? 'input' : 'output';
      if (!target) {
        problems.push(problem(id, `Expected every ${kind} mapping of '${id}' to have a target, but one has none`));
      } else if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(target)) {
        problems.push(problem(id, `Expected the ${kind} mapping target '${target}' of '${id}' to be a variable name or path, but it is not`));
      }
    }
  }
  return problems;
}
