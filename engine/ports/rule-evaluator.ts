/**
 * Evaluates a rule set (json-rules-engine in Funnelflow) for a business rule task.
 *
 * The runtime is synchronous, and rule engines are not: a business rule task therefore
 * becomes a job of type `ff:rules` (headers `ruleSetId`, `resultVariable`), as Camunda 8
 * does for a business rule task served by a job worker. The driver runs that job through
 * this port (see `rulesJobHandler`) and completes it with `{ [resultVariable]: result }`.
 */
export interface RuleEvaluator {
  /** Resolve to the rule set's result (a JSON value); reject to fail the job (with retries). */
  evaluate(ruleSetId: string, facts: Readonly<Record<string, unknown>>): Promise<unknown>;
}
