import { completeElement, markActivated, terminateElement } from '../capabilities/lifecycle.js';
import { liveChildren } from '../capabilities/scope.js';
import type { ElementOfKind } from '../../model/index.js';
import type { ElementBehavior } from './element-behavior.js';

/**
 * End events consume the token. A terminate end event first terminates every other
 * token of its scope (live instances, queued arrivals, tokens waiting at joins); the
 * scope then completes normally.
 */
export const endEventBehavior: ElementBehavior<ElementOfKind<'end-event'>> = {
  activate(rt, element, instance) {
    markActivated(rt, instance);
    if (element.eventDefinition?.kind === 'terminate' && instance.scopeKey !== null) {
      const scopeKey = instance.scopeKey;
      for (const sibling of liveChildren(rt.state, scopeKey)) {
        if (sibling.key !== instance.key) terminateElement(rt, sibling);
      }
      rt.dropQueued(scopeKey);
      if (rt.state.joins[scopeKey]) rt.emit('join-tokens-discarded', element.id, instance.key, { scopeKey });
    }
    completeElement(rt, element, instance);
  },
  complete: completeElement,
  terminate() {},
};
