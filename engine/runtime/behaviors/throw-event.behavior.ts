import type { ElementOfKind, EventDefinition } from '../../model/index.js';
import type { ElementInstance } from '../../state/instance-state.js';
import { startCompensation } from '../capabilities/compensation.js';
import { completeElement, finishElement, markActivated, terminateElement, activateElement } from '../capabilities/lifecycle.js';
import { broadcastSignal, publishMessage } from '../capabilities/publish.js';
import { liveChildren, scopeChildEnded } from '../capabilities/scope.js';
import { throwError, throwEscalation } from '../capabilities/throw-events.js';
import type { Runtime } from '../runtime.js';
import type { ElementBehavior } from './element-behavior.js';

type ThrowElement = ElementOfKind<'end-event'> | ElementOfKind<'intermediate-throw-event'>;

/**
 * End and intermediate throw events: do what the definition says, then end the token
 * (end event) or pass it on (intermediate). A terminate end event first ends every other
 * token of its scope; error and escalation look for their catch; message and signal are
 * handed to the driver; compensation waits for its handlers; a cancel end event
 * compensates its transaction and leaves it by the cancel boundary event; a link throw
 * continues at its catch.
 */
export const throwEventBehavior: ElementBehavior<ThrowElement> = {
  activate(rt, element, instance) {
    markActivated(rt, instance);
    const live = () => rt.state.elements[instance.key];
    const definition = element.eventDefinition;
    switch (definition?.kind) {
      case 'terminate':
        terminateScope(rt, element.id, instance);
        break;
      case 'error':
        // Caught: the thrower went with the interrupted scope. Otherwise it waits (parent or incident).
        throwError(rt, instance, definition.errorCode ?? '', '', { step: 'activate' });
        return;
      case 'escalation':
        throwEscalation(rt, instance, definition.escalationCode ?? '');
        break;
      case 'message':
        if (!publishMessage(rt, instance, definition)) return;
        break;
      case 'signal':
        if (!broadcastSignal(rt, instance, definition)) return;
        break;
      case 'compensate':
        if (startCompensation(rt, instance, instance.scopeKey!, definition.activityRef)) return; // completes when the handlers are done
        break;
      case 'cancel':
        if (startCompensation(rt, instance, instance.scopeKey!, null)) return;
        return cancelTransaction(rt, instance);
      case 'link':
        return followLink(rt, element, instance);
      default:
        break;
    }
    const current = live();
    if (current) completeElement(rt, element, current);
  },
  complete(rt, element, instance) {
    if (isCancel(element.eventDefinition)) return cancelTransaction(rt, instance);
    completeElement(rt, element, instance);
  },
  terminate() {},
};

function isCancel(definition: EventDefinition | null): boolean {
  return definition?.kind === 'cancel';
}

/** Every other token of the scope ends; the scope then completes normally once this one has. */
function terminateScope(rt: Runtime, elementId: string, instance: ElementInstance): void {
  const scopeKey = instance.scopeKey;
  if (scopeKey === null) return;
  for (const sibling of liveChildren(rt.state, scopeKey)) {
    if (sibling.key !== instance.key) terminateElement(rt, sibling);
  }
  rt.dropQueued(scopeKey);
  if (rt.state.joins[scopeKey]) rt.emit('join-tokens-discarded', elementId, instance.key, { scopeKey });
}

/** The transaction (compensated already) is terminated and left through its cancel boundary event. */
function cancelTransaction(rt: Runtime, instance: ElementInstance): void {
  const transaction = instance.scopeKey === null ? undefined : rt.state.elements[instance.scopeKey];
  if (!transaction || transaction.kind === 'process') return;
  const boundaryId = (rt.process.boundaryEvents[transaction.elementId] ?? []).find((id) => {
    const boundary = rt.process.elements[id];
    return boundary?.kind === 'boundary-event' && boundary.eventDefinition.kind === 'cancel';
  });
  const scopeKey = transaction.scopeKey!;
  terminateElement(rt, transaction);
  if (boundaryId) activateElement(rt, boundaryId, scopeKey, null, { triggered: {} });
  else scopeChildEnded(rt, scopeKey);
}

/** The token jumps to the link catch of the same name; queued first, so the scope never looks empty. */
function followLink(rt: Runtime, element: ThrowElement, instance: ElementInstance): void {
  const target = rt.process.linkTargets[element.id];
  if (target) rt.enqueue({ type: 'activate', scopeKey: instance.scopeKey!, elementId: target });
  rt.emit('element-completing', element.id, instance.key);
  finishElement(rt, element, instance, []);
}
