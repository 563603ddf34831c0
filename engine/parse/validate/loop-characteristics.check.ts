import type { ModdleElement } from 'bpmn-moddle';
import type { ModelScan } from '../model-scan.js';
import { elementProp, expressionBody, extension, stringProp } from '../moddle-access.js';
import { problem, type ParseProblem } from '../parse-problem.js';

/**
 * A multi-instance activity needs something to count (an input collection or a loop
 * cardinality) and an output element with its output collection; a standard loop
 * needs a way to stop (a loop condition or a loop maximum).
 */
export function checkLoopCharacteristics(scan: ModelScan): readonly ParseProblem[] {
  const problems: ParseProblem[] = [];
  for (const { element, id } of scan.processes.flatMap((process) => process.elements)) {
    const loop = elementProp(element, 'loopCharacteristics');
    const name = `'${id ?? '?'}'`;
    if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') problems.push(...multiInstance(loop, id, name));
    if (loop?.$type === 'bpmn:StandardLoopCharacteristics') problems.push(...standardLoop(loop, id, name));
  }
  return problems;
}

function multiInstance(loop: ModdleElement, id: string | null, name: string): ParseProblem[] {
  const zeebe = extension(loop, 'zeebe:LoopCharacteristics');
  const problems: ParseProblem[] = [];
  if (!stringProp(zeebe, 'inputCollection')?.trim() && !expressionBody(elementProp(loop, 'loopCardinality'))) {
    problems.push(problem(id, `Expected multi-instance ${name} to have an inputCollection (or a loopCardinality), but it has neither`));
  }
  const outputCollection = stringProp(zeebe, 'outputCollection')?.trim();
  const outputElement = stringProp(zeebe, 'outputElement')?.trim();
  if (outputCollection && !outputElement) {
    problems.push(problem(id, `Expected multi-instance ${name} with an outputCollection to have an outputElement, but it has none`));
  }
  if (outputElement && !outputCollection) {
    problems.push(problem(id, `Expected multi-instance ${name} with an outputElement to have an outputCollection, but it has none`));
  }
  return problems;
}

function standardLoop(loop: ModdleElement, id: string | null, name: string): ParseProblem[] {
  const maximum = loop['loopMaximum'];
  if (maximum !== undefined && (!Number.isInteger(Number(maximum)) || Number(maximum) < 0)) {
    return [problem(id, `Expected the loopMaximum of ${name} to be a whole number, but it is '${String(maximum)}'`)];
  }
  if (!expressionBody(elementProp(loop, 'loopCondition')) && maximum === undefined) {
    return [problem(id, `Expected standard loop ${name} to have a loopCondition or a loopMaximum, but it has neither`)];
  }
  return [];
}
