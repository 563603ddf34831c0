import { completeElement, markActivated } from '../capabilities/lifecycle.js';
import type { ElementOfKind } from '../../model/index.js';
import type { ElementBehavior } from './element-behavior.js';

/**
 * Parallel gateway: activated once every incoming flow has a token (the join consumed
 * one from each, see joins.ts); forks to all outgoing flows, conditions ignored.
 */
export const parallelGatewayBehavior: ElementBehavior<ElementOfKind<'parallel-gateway'>> = {
  activate(rt, element, instance) {
    markActivated(rt, instance);
    completeElement(rt, element, instance, element.outgoing);
  },
  complete: completeElement,
  terminate() {},
};
