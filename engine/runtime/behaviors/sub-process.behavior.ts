import { completeElement, markActivated } from '../capabilities/lifecycle.js';
import type { ElementOfKind } from '../../model/index.js';
import type { ElementBehavior } from './element-behavior.js';

/**
 * Embedded sub-process: a scope. Its start event runs inside it; it completes when its
 * last token is gone (see scopeChildEnded) and is terminated with everything inside.
 */
export const subProcessBehavior: ElementBehavior<ElementOfKind<'sub-process'>> = {
  activate(rt, element, instance) {
    markActivated(rt, instance);
    rt.enqueue({ type: 'activate', scopeKey: instance.key, elementId: element.startEventId });
  },
  complete: completeElement,
  terminate() {},
};
