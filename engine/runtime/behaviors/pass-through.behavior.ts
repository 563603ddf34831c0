import { completeElement, markActivated } from '../capabilities/lifecycle.js';
import type { ElementOfKind } from '../../model/index.js';
import type { ElementBehavior } from './element-behavior.js';

/**
 * Elements that do nothing but let the token pass: start events (an event start has
 * already been triggered when it runs), abstract and manual tasks. They complete as soon
 * as they are activated.
 */
export const passThroughBehavior: ElementBehavior<ElementOfKind<'start-event'> | ElementOfKind<'task'> | ElementOfKind<'manual-task'>> = {
  activate(rt, element, instance) {
    markActivated(rt, instance);
    completeElement(rt, element, instance);
  },
  complete: completeElement,
  terminate() {},
};
