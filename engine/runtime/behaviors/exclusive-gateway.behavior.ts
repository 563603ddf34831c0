import { raiseIncident } from '../capabilities/incidents.js';
import { completeElement, markActivated } from '../capabilities/lifecycle.js';
import { selectExclusiveFlow } from '../capabilities/outgoing-flows.js';
import type { ElementOfKind } from '../../model/index.js';
import type { ElementBehavior } from './element-behavior.js';

/** Exclusive gateway: passes every arriving token on over exactly one flow. */
export const exclusiveGatewayBehavior: ElementBehavior<ElementOfKind<'exclusive-gateway'>> = {
  activate(rt, element, instance) {
    const flows = selectExclusiveFlow(rt, element, instance);
    if (!flows.ok) return raiseIncident(rt, instance, 'CONDITION_ERROR', flows.message, 'activate');
    markActivated(rt, instance);
    completeElement(rt, element, instance, flows.value);
  },
  complete: completeElement,
  terminate() {},
};
