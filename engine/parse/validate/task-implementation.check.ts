import type { ModdleElement } from 'bpmn-moddle';
import type { ModelScan } from '../model-scan.js';
import { extension, stringProp } from '../moddle-access.js';
import { problem, type ParseProblem } from '../parse-problem.js';

/**
 * Tasks that do work must say how: a job type for service and send tasks; a job type, a
 * rule set or a decision for business rule tasks; a FEEL script or a job type for script
 * tasks.
 */
export function checkTaskImplementations(scan: ModelScan): readonly ParseProblem[] {
  const problems: ParseProblem[] = [];
  for (const { element, id } of scan.processes.flatMap((process) => process.elements)) {
    const message = missingImplementation(element, `'${id ?? '?'}'`);
    if (message) problems.push(problem(id, message));
  }
  return problems;
}

function missingImplementation(element: ModdleElement, name: string): string | null {
  switch (element.$type) {
    case 'bpmn:ServiceTask':
      return hasJobType(element) ? null : `Expected ${name} to have a zeebe:taskDefinition with a type, but it has none`;
    case 'bpmn:SendTask':
      return hasJobType(element) || element['messageRef']
        ? null
        : `Expected ${name} to have a zeebe:taskDefinition with a type or a message to publish, but it has neither`;
    case 'bpmn:BusinessRuleTask':
      return hasJobType(element) || hasRules(element)
        ? null
        : `Expected ${name} to have an ff:ruleDefinition (ruleSetId, resultVariable), a zeebe:calledDecision (decisionId, resultVariable) or a zeebe:taskDefinition, but it has none`;
    case 'bpmn:ScriptTask':
      return hasJobType(element) || hasScript(element)
        ? null
        : `Expected ${name} to have a zeebe:script (expression, resultVariable) or a zeebe:taskDefinition, but it has none`;
    default:
      return null;
  }
}

function hasJobType(element: ModdleElement): boolean {
  return Boolean(stringProp(extension(element, 'zeebe:TaskDefinition'), 'type')?.trim());
}

function hasRules(element: ModdleElement): boolean {
  const rules = extension(element, 'ff:RuleDefinition');
  const decision = extension(element, 'zeebe:CalledDecision');
  return Boolean(
    (stringProp(rules, 'ruleSetId') && stringProp(rules, 'resultVariable')) ||
      (stringProp(decision, 'decisionId') && stringProp(decision, 'resultVariable')),
  );
}

function hasScript(element: ModdleElement): boolean {
  const script = extension(element, 'zeebe:Script');
  if (script) return Boolean(stringProp(script, 'expression')?.trim() && stringProp(script, 'resultVariable')?.trim());
  return isFeel(stringProp(element, 'scriptFormat')) && Boolean(stringProp(element, 'script')?.trim());
}

export function isFeel(format: string | null): boolean {
  return format !== null && /^(feel|application\/feel|text\/feel)$/i.test(format.trim());
}
