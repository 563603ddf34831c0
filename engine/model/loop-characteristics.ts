import type { CompiledExpression } from './value-source.js';

/**
 * How an activity repeats. Both kinds run their iterations as children of a *body*
 * element instance, so that the activity's outgoing flows are taken once, after the
 * last iteration.
 */
export type LoopCharacteristics = MultiInstanceLoop | StandardLoop;

/** `bpmn:multiInstanceLoopCharacteristics` with `zeebe:loopCharacteristics`. */
export interface MultiInstanceLoop {
  readonly kind: 'multi-instance';
  readonly isSequential: boolean;
  /** The items, one instance each. When null, `loopCardinality` gives the number of instances. */
  readonly inputCollection: CompiledExpression | null;
  readonly loopCardinality: CompiledExpression | null;
  readonly inputElement: string | null;
  readonly outputCollection: string | null;
  readonly outputElement: CompiledExpression | null;
  readonly completionCondition: CompiledExpression | null;
}

/** `bpmn:standardLoopCharacteristics`: a while (testBefore) or do-while loop. */
export interface StandardLoop {
  readonly kind: 'standard-loop';
  readonly loopCondition: CompiledExpression | null;
  readonly testBefore: boolean;
  /** At most this many iterations; null for no limit. */
  readonly loopMaximum: number | null;
}
