import type { ModdleElement } from 'bpmn-moddle';
import type { ModelScan, ScannedElement } from '../model-scan.js';
import { booleanProp, listProp } from '../moddle-access.js';
import { problem, type ParseProblem } from '../parse-problem.js';

/**
 * A process starts at one none start event or by its event start events; every embedded
 * sub-process at exactly one none start event; nothing flows into a start event.
 */
export function checkStartEvents(scan: ModelScan): readonly ParseProblem[] {
  const problems: ParseProblem[] = [];
  for (const process of scan.processes) {
    const containers = new Map<string | null, number>([[null, 0]]);
    for (const { element, id } of process.elements) {
      if ((element.$type === 'bpmn:SubProcess' || element.$type === 'bpmn:Transaction') && !booleanProp(element, 'triggeredByEvent', false)) containers.set(id, 0);
    }
    for (const scanned of process.elements) {
      if (scanned.element.$type !== 'bpmn:StartEvent' || !isNoneEvent(scanned.element)) continue;
      if (!containers.has(scanned.containerId)) continue;
      containers.set(scanned.containerId, (containers.get(scanned.containerId) ?? 0) + 1);
    }
    for (const [containerId, count] of containers) {
      const owner = containerId ?? process.key;
      const what = containerId ? `sub-process '${containerId}'` : `process '${process.key ?? '?'}'`;
      const eventStarts = containerId === null && process.elements.some((e) => e.containerId === null && e.element.$type === 'bpmn:StartEvent' && !isNoneEvent(e.element));
      if (count === 0 && !eventStarts) problems.push(problem(owner, `Expected ${what} to have a none start event, but it has none`));
      if (count > 1) problems.push(problem(owner, `Expected ${what} to have one none start event, but it has ${count}`));
    }
    problems.push(...incomingToStart(process.elements));
  }
  return problems;
}

function incomingToStart(elements: readonly ScannedElement[]): ParseProblem[] {
  const problems: ParseProblem[] = [];
  for (const { element, id } of elements) {
    const target = element.$type === 'bpmn:SequenceFlow' ? (element['targetRef'] as ModdleElement | undefined) : undefined;
    if (target?.$type === 'bpmn:StartEvent') {
      problems.push(problem(id, `Expected no sequence flow into start event '${target.id ?? '?'}', but '${id ?? '?'}' flows into it`));
    }
  }
  return problems;
}

function isNoneEvent(element: ModdleElement): boolean {
  return listProp(element, 'eventDefinitions').length === 0 && listProp(element, 'eventDefinitionRef').length === 0;
}
