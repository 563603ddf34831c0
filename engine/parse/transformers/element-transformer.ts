import type { ModdleElement } from 'bpmn-moddle';
import type { ElementKind, ElementOfKind, FlowNodeBase } from '../../model/index.js';
import type { TransformContext } from './transform-context.js';

/**
 * Builds the executable element of one kind from its moddle node. `base` holds what all
 * flow nodes share (id, flows, container); the transformer adds its kind's fields. A
 * transformer never throws: it reports problems on the context and returns its best
 * attempt.
 */
export type ElementTransformer<K extends ElementKind> = (
  node: ModdleElement,
  base: FlowNodeBase<K>,
  ctx: TransformContext,
  process: ProcessFacts,
) => ElementOfKind<K>;

/** Facts about the whole process that a transformer may need. */
export interface ProcessFacts {
  /** The none start event of an embedded sub-process (or of the process, for null). */
  noneStartEventOf(containerId: string | null): string | null;
  /** The (first) start event with an event definition inside an event sub-process. */
  eventStartOf(containerId: string): string | null;
}
