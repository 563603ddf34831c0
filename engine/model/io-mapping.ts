import type { CompiledExpression } from './value-source.js';

/**
 * `zeebe:ioMapping`. Inputs create local variables of the element instance when it
 * activates; outputs are evaluated in the element's context when it completes and are
 * set in its flow scope (with propagation).
 */
export interface IoMapping {
  readonly inputs: readonly VariableMapping[];
  readonly outputs: readonly VariableMapping[];
}

/**
 * One mapping: `target` may be a dotted path (`customer.name`), which Camunda 8 merges
 * into the existing context of the first segment.
 */
export interface VariableMapping {
  readonly source: CompiledExpression;
  readonly target: string;
  readonly targetPath: readonly string[];
}
