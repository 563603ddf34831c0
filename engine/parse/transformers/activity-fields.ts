import type { ModdleElement } from 'bpmn-moddle';
import { booleanProp } from '../moddle-access.js';
import type { ActivityBase, ElementKind, FlowNodeBase } from '../../model/index.js';
import { transformIoMapping } from './io-mapping.js';
import { transformLoop } from './loop-characteristics.js';
import type { TransformContext } from './transform-context.js';

/** The fields every activity adds to a flow node: io mappings and loop characteristics. */
export function activityFields<K extends ElementKind>(node: ModdleElement, base: FlowNodeBase<K>, ctx: TransformContext): ActivityBase<K> {
  return { ...base, io: transformIoMapping(node, base.id, ctx), loop: transformLoop(node, base.id, ctx), asyncBefore: booleanProp(node, 'asyncBefore', false) };
}
