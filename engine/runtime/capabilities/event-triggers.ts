import type { BoundaryEventElement, ExecutableElement, StartEventElement } from '../../model/index.js';
import type { ElementInstance, EventSubscription } from '../../state/instance-state.js';
import type { JsonObject } from '../../state/json-value.js';
import { nextDue } from '../../timers/index.js';
import type { Runtime } from '../runtime.js';
import { evaluateCondition } from './evaluate.js';
import { activateElement, completeElement, elementOf, terminateElement } from './lifecycle.js';
import { liveChildren } from './scope.js';
import { closeSubscription, closeSubscriptionsOf } from './subscriptions.js';
import { propagateVariables, setLocalVariables } from './variables.js';

/**
 * What happens when a subscription's event occurs: a waiting catch event or receive
 * task completes; a boundary event interrupts its activity (or runs beside it); an event
 * sub-process interrupts its scope (or runs beside it); an event-based gateway lets the
 * first event through and forgets the others.
 */
export function triggerSubscription(rt: Runtime, subscription: EventSubscription, variables: JsonObject): void {
  const owner = rt.state.elements[subscription.elementInstanceKey];
  const catching = rt.process.elements[subscription.elementId];
  if (!owner || !catching) return;
  rt.emit('subscription-triggered', catching.id, owner.key, { subscriptionKey: subscription.key, kind: subscription.kind, variables });
  if (catching.kind === 'boundary-event') {
    settleRepeatable(rt, subscription);
    return triggerBoundaryEvent(rt, owner, catching, variables);
  }
  if (catching.kind === 'start-event') {
    settleRepeatable(rt, subscription);
    return triggerEventSubProcess(rt, owner, catching, variables);
  }
  if (owner.elementId === catching.id) return completeCatch(rt, owner, variables);
  return passEventBasedGateway(rt, owner, catching, variables);
}

/** An interrupting boundary event terminates the activity and leaves in its place; a non-interrupting one runs beside it. */
export function triggerBoundaryEvent(rt: Runtime, activity: ElementInstance, boundary: BoundaryEventElement, variables: JsonObject): void {
  const scopeKey = activity.scopeKey!;
  if (boundary.cancelActivity) terminateElement(rt, activity);
  activateElement(rt, boundary.id, scopeKey, null, { triggered: variables });
}

/** An interrupting event sub-process ends everything else in its scope first; a non-interrupting one runs beside it. */
export function triggerEventSubProcess(rt: Runtime, scope: ElementInstance, start: StartEventElement, variables: JsonObject): void {
  const eventSubProcessId = start.containerId!;
  if (start.interrupting) {
    // The scope's other event sub-processes may not start any more; its boundary events still listen.
    const starts = new Set(rt.process.eventSubProcessStarts[scope.elementId] ?? []);
    for (const subscription of Object.values(rt.state.subscriptions ?? {})) {
      if (subscription.elementInstanceKey === scope.key && starts.has(subscription.elementId)) closeSubscription(rt, subscription);
    }
    for (const child of liveChildren(rt.state, scope.key)) terminateElement(rt, child);
    rt.dropQueued(scope.key);
    if (rt.state.joins[scope.key]) rt.emit('join-tokens-discarded', start.id, scope.key, { scopeKey: scope.key });
  }
  activateElement(rt, eventSubProcessId, scope.key, null, { triggered: variables });
}

/** The waiting catch event or receive task got its event: it completes with the event's variables. */
function completeCatch(rt: Runtime, instance: ElementInstance, variables: JsonObject): void {
  closeSubscriptionsOf(rt, instance.key);
  const element = elementOf(rt, instance);
  mergeEventVariables(rt, element, instance, variables);
  completeElement(rt, element, rt.state.elements[instance.key]!);
}

/** The first event behind an event-based gateway wins: the gateway completes into that event, which completes at once. */
function passEventBasedGateway(rt: Runtime, gateway: ElementInstance, catching: ExecutableElement, variables: JsonObject): void {
  closeSubscriptionsOf(rt, gateway.key);
  const flow = rt.process.elements[gateway.elementId]!.outgoing.find((f) => f.targetId === catching.id)!;
  rt.emit('element-completing', gateway.elementId, gateway.key);
  rt.emit('element-completed', gateway.elementId, gateway.key);
  rt.emit('sequence-flow-taken', flow.id, null, { scopeKey: gateway.scopeKey!, sourceId: flow.sourceId, targetId: flow.targetId, join: false });
  activateElement(rt, catching.id, gateway.scopeKey!, flow.id, { triggered: variables });
}

/**
 * A repeatable subscription stays open after a non-interrupting trigger: a timer cycle
 * moves to its next occurrence (or closes when exhausted), messages, signals and
 * conditions keep listening. Everything else fires once.
 */
function settleRepeatable(rt: Runtime, subscription: EventSubscription): void {
  if (subscription.interrupting) return closeSubscription(rt, subscription);
  if (subscription.kind !== 'timer') return;
  const next = subscription.cycle && subscription.dueAt ? nextDue(subscription.cycle, { dueAt: subscription.dueAt, remaining: subscription.remaining ?? null }, rt.now) : null;
  if (next) rt.emit('timer-rescheduled', subscription.elementId, subscription.elementInstanceKey, { subscriptionKey: subscription.key, dueAt: next.dueAt, remaining: next.remaining });
  else closeSubscription(rt, subscription);
}

/**
 * Variables an event brings (message or signal payload, error code): with output
 * mappings they become locals for the mappings to read; without, they propagate.
 */
export function mergeEventVariables(rt: Runtime, element: ExecutableElement, instance: ElementInstance, variables: JsonObject): void {
  if (Object.keys(variables).length === 0) return;
  const io = 'io' in element ? element.io : null;
  if (io !== null && io.outputs.length > 0) setLocalVariables(rt, instance.key, variables);
  else propagateVariables(rt, instance.key, variables);
}

/**
 * Conditional subscriptions whose condition now holds trigger (after variables changed).
 * Returns whether any did, so that the command keeps running until the conditions rest.
 */
export function fireConditionalEvents(rt: Runtime): boolean {
  const subscriptions = rt.state.subscriptions;
  if (!subscriptions) return false;
  let fired = false;
  for (const subscription of Object.values(subscriptions)) {
    if (subscription.kind !== 'conditional' || !rt.state.subscriptions?.[subscription.key]) continue;
    const owner = rt.state.elements[subscription.elementInstanceKey];
    const catching = rt.process.elements[subscription.elementId];
    const definition = catching && 'eventDefinition' in catching ? catching.eventDefinition : null;
    if (!owner || definition?.kind !== 'conditional') continue;
    const holds = evaluateCondition(rt, definition.condition, owner.key, `the condition of '${catching!.id}'`);
    // A condition that cannot be evaluated yet (a variable of the wrong type) is not met.
    if (!holds.ok || !holds.value) continue;
    triggerSubscription(rt, subscription, {});
    fired = true;
  }
  return fired;
}
