import type { CompiledExpression } from './value-source.js';

/**
 * A sequence flow between two flow nodes of the same container. `condition` is null for
 * an unconditional flow; `isDefault` marks the default flow of its source.
 */
export interface ExecutableSequenceFlow {
  readonly kind: 'sequence-flow';
  readonly id: string;
  readonly name: string | null;
  readonly sourceId: string;
  readonly targetId: string;
  readonly condition: CompiledExpression | null;
  readonly isDefault: boolean;
}
