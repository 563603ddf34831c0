import { RULES_HEADER_RESULT_VARIABLE, RULES_HEADER_RULE_SET } from '../model/index.js';
import type { RuleEvaluator } from '../ports/rule-evaluator.js';
import type { JobHandler } from './job-handler.js';

/**
 * The built-in worker for business rule tasks (`ff:rules` jobs): evaluates the rule set
 * named in the job's headers against the visible variables and completes the job with
 * `{ [resultVariable]: result }`. A rejected evaluation fails the job like any handler.
 */
export function rulesJobHandler(evaluator: RuleEvaluator): JobHandler {
  return async (job) => {
    const ruleSetId = job.headers[RULES_HEADER_RULE_SET] ?? '';
    const resultVariable = job.headers[RULES_HEADER_RESULT_VARIABLE] ?? '';
    const result = await evaluator.evaluate(ruleSetId, job.variables);
    return { variables: resultVariable ? { [resultVariable]: result } : {} };
  };
}
