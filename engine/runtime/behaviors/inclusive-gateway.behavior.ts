import { raiseIncident } from '../capabilities/incidents.js';
import { completeElement, markActivated } from '../capabilities/lifecycle.js';
import { selectOutgoingFlows } from '../capabilities/outgoing-flows.js';
import type { ElementOfKind } from '../../model/index.js';
import type { ElementBehavior } from './element-behavior.js';

/**
 * Inclusive gateway: activated when its join rule holds (see joins.ts); forks to every
 * flow whose condition holds, or to the default flow when none does.
 */
export const inclusiveGatewayBehavior: ElementBehavior<ElementOfKind<'inclusive-gateway'>> = {
  activate(rt, element, instance) {
    const flows = selectOutgoingFlows(rt, element, instance);
    if (!flows.ok) return raiseIncident(rt, instance, 'CONDITION_ERROR', flows.message, 'activate');
    markActivated(rt, instance);
    completeElement(rt, element, instance, flows.value);
  },
  complete: completeElement,
  terminate() {},
};
