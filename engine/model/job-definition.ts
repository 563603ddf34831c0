import type { ValueSource } from './value-source.js';

/**
 * The job an activity hands to a worker (`zeebe:taskDefinition` + `zeebe:taskHeaders`).
 * Business rule tasks compile to a job of type `ff:rules` (see `RULES_JOB_TYPE`).
 */
export interface JobDefinition {
  readonly type: ValueSource;
  readonly retries: ValueSource<number>;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * `ff:retryBackoff="PT10S,PT1M,PT10M"`: the wait after the 1st, 2nd, 3rd… failure (the
   * last repeats), in ms. Empty: the worker's own backoff.
   */
  readonly retryBackoff: readonly number[];
  /**
   * `ff:jobPriority="10"` (or a FEEL expression): workers claim due jobs of higher priority
   * first; null means 0. Timers fire when due, whatever the priority.
   */
  readonly priority: ValueSource<number> | null;
}

/** The job type of a business rule task without its own task definition. */
export const RULES_JOB_TYPE = 'ff:rules';

/** Headers of an `ff:rules` job. */
export const RULES_HEADER_RULE_SET = 'ruleSetId';
export const RULES_HEADER_RESULT_VARIABLE = 'resultVariable';

/** The job type of an async continuation (`ff:asyncBefore`): every engine runs it itself. */
export const ASYNC_CONTINUATION_JOB_TYPE = 'ff:continue';

/** Camunda 8's default when `retries` is not given. */
export const DEFAULT_JOB_RETRIES = 3;
