import { isSubscribable, type ElementOfKind } from '../../model/index.js';
import { completeElement, markActivated } from '../capabilities/lifecycle.js';
import { openSubscription } from '../capabilities/subscriptions.js';
import type { ElementBehavior } from './element-behavior.js';

/**
 * Intermediate catch event: waits in a subscription (timer, message, signal, condition)
 * until it triggers (see event-triggers.ts). A link catch is entered by its throw and
 * passes straight on.
 */
export const intermediateCatchEventBehavior: ElementBehavior<ElementOfKind<'intermediate-catch-event'>> = {
  activate(rt, element, instance) {
    markActivated(rt, instance);
    const definition = element.eventDefinition;
    if (isSubscribable(definition)) openSubscription(rt, rt.state.elements[instance.key]!, element, definition, true);
    else completeElement(rt, element, rt.state.elements[instance.key]!);
  },
  complete: completeElement,
  terminate() {},
};

/** Receive task: an activity that waits for its message. */
export const receiveTaskBehavior: ElementBehavior<ElementOfKind<'receive-task'>> = {
  activate(rt, element, instance) {
    markActivated(rt, instance);
    openSubscription(rt, rt.state.elements[instance.key]!, element, element.message, true);
  },
  complete: completeElement,
  terminate() {},
};

/** Boundary events are only ever entered already triggered (see activateElement's `triggered`). */
export const boundaryEventBehavior: ElementBehavior<ElementOfKind<'boundary-event'>> = {
  activate(rt, element, instance) {
    markActivated(rt, instance);
    completeElement(rt, element, rt.state.elements[instance.key]!);
  },
  complete: completeElement,
  terminate() {},
};

/**
 * Event-based gateway: subscribes for every catch event (or receive task) its flows lead
 * to; the first to trigger takes the token, the rest are closed.
 */
export const eventBasedGatewayBehavior: ElementBehavior<ElementOfKind<'event-based-gateway'>> = {
  activate(rt, element, instance) {
    markActivated(rt, instance);
    for (const flow of element.outgoing) {
      const target = rt.process.elements[flow.targetId];
      const owner = rt.state.elements[instance.key];
      if (!target || !owner) return;
      const definition = target.kind === 'receive-task' ? target.message : target.kind === 'intermediate-catch-event' ? target.eventDefinition : null;
      if (isSubscribable(definition)) openSubscription(rt, owner, target, definition, true);
    }
  },
  complete: completeElement,
  terminate() {},
};
