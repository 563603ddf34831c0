import type { ModdleElement } from 'bpmn-moddle';
import {
  DEFAULT_JOB_RETRIES,
  RULES_HEADER_RESULT_VARIABLE,
  RULES_HEADER_RULE_SET,
  RULES_JOB_TYPE,
  type JobDefinition,
} from '../../model/index.js';
import { elementProp, extension, stringProp } from '../moddle-access.js';
import type { ElementTransformer } from './element-transformer.js';
import { activityFields } from './activity-fields.js';
import { messageOf } from './event-definitions.js';
import { taskHeaders, transformJobDefinition } from './job-definition.js';
import type { TransformContext } from './transform-context.js';

/** Service task: a job of its `zeebe:taskDefinition` type. */
export const transformServiceTask: ElementTransformer<'service-task'> = (node, base, ctx) => ({
  ...activityFields(node, base, ctx),
  job: jobOrPlaceholder(node, base.id, ctx),
});

/**
 * Send task: with a `zeebe:taskDefinition` a job, as Camunda 8 runs it; with only a
 * message it publishes that message inside the engine when reached.
 */
export const transformSendTask: ElementTransformer<'send-task'> = (node, base, ctx) => {
  const message = elementProp(node, 'messageRef');
  const job = transformJobDefinition(node, base.id, ctx);
  return {
    ...activityFields(node, base, ctx),
    job: job ?? (message ? null : jobOrPlaceholder(node, base.id, ctx)),
    message: job === null && message ? messageOf(message, base.id, ctx) : null,
  };
};

/**
 * Business rule task. With its own task definition it is an ordinary job. Otherwise it
 * names a rule set (`ff:ruleDefinition`, or `zeebe:calledDecision` as written by Camunda
 * Modeler) and becomes an `ff:rules` job: the runtime stays synchronous while the
 * (asynchronous) rule evaluator runs outside it, like any job worker.
 */
export const transformBusinessRuleTask: ElementTransformer<'business-rule-task'> = (node, base, ctx) => ({
  ...activityFields(node, base, ctx),
  job: transformJobDefinition(node, base.id, ctx) ?? rulesJob(node),
});

function rulesJob(node: ModdleElement): JobDefinition {
  const rules = extension(node, 'ff:RuleDefinition');
  const decision = extension(node, 'zeebe:CalledDecision');
  const ruleSetId = stringProp(rules, 'ruleSetId') ?? stringProp(decision, 'decisionId') ?? '';
  const resultVariable = stringProp(rules, 'resultVariable') ?? stringProp(decision, 'resultVariable') ?? '';
  return {
    type: { kind: 'static', value: RULES_JOB_TYPE },
    retries: { kind: 'static', value: DEFAULT_JOB_RETRIES },
    headers: { ...taskHeaders(node), [RULES_HEADER_RULE_SET]: ruleSetId, [RULES_HEADER_RESULT_VARIABLE]: resultVariable },
    retryBackoff: [],
    priority: null,
  };
}

/** The task-implementation check has already reported a missing definition. */
function jobOrPlaceholder(node: ModdleElement, id: string, ctx: TransformContext): JobDefinition {
  return transformJobDefinition(node, id, ctx) ?? { type: { kind: 'static', value: '' }, retries: { kind: 'static', value: 0 }, headers: {}, retryBackoff: [], priority: null };
}
