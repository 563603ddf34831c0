import { isSubscribable, type ExecutableElement, type SubscribableDefinition } from '../../model/index.js';
import type { ElementInstance, EventSubscription } from '../../state/instance-state.js';
import type { JsonValue } from '../../state/json-value.js';
import { firstDue } from '../../timers/index.js';
import type { Runtime } from '../runtime.js';
import { evaluate, evaluateSource } from './evaluate.js';
import { raiseIncident } from './incidents.js';
import { failure, success, type Outcome } from './outcome.js';

/**
 * Subscriptions: what catch events wait for. Names, correlation keys and timers are
 * evaluated once, when the subscription opens (Camunda 8), in the owner's scope.
 */

/** Open one subscription owned by `owner` for the catching element; a failed evaluation raises an incident on the owner. */
export function openSubscription(rt: Runtime, owner: ElementInstance, catching: ExecutableElement, definition: SubscribableDefinition, interrupting: boolean): EventSubscription | null {
  const built = describe(rt, owner, catching, definition);
  if (!built.ok) {
    raiseIncident(rt, owner, definition.kind === 'timer' ? 'TIMER_ERROR' : definition.kind === 'conditional' ? 'CONDITION_ERROR' : 'MESSAGE_ERROR', built.message, 'activate');
    return null;
  }
  const subscription: EventSubscription = { key: rt.nextId(), elementId: catching.id, elementInstanceKey: owner.key, interrupting, ...built.value };
  rt.emit('subscription-opened', catching.id, owner.key, { subscription });
  return subscription;
}

/** Close every subscription `ownerKey` owns (it ends, or an interrupting event fired). */
export function closeSubscriptionsOf(rt: Runtime, ownerKey: string, except?: string): void {
  const subscriptions = rt.state.subscriptions;
  if (!subscriptions) return;
  for (const key in subscriptions) {
    const subscription = subscriptions[key]!;
    if (subscription.elementInstanceKey === ownerKey && key !== except) closeSubscription(rt, subscription);
  }
}

export function closeSubscription(rt: Runtime, subscription: EventSubscription): void {
  rt.emit('subscription-closed', subscription.elementId, subscription.elementInstanceKey, { subscriptionKey: subscription.key, kind: subscription.kind });
}

export function subscriptionsOwnedBy(rt: Runtime, ownerKey: string): EventSubscription[] {
  const subscriptions = rt.state.subscriptions;
  if (!subscriptions) return [];
  return Object.values(subscriptions).filter((subscription) => subscription.elementInstanceKey === ownerKey);
}

/**
 * After an element instance activated: open the subscriptions of the boundary events
 * attached to it and of the event sub-processes inside it. Loop iterations attach
 * nothing (their body does); a resumed activation does not open them twice.
 */
export function openAttachedSubscriptions(rt: Runtime, instance: ElementInstance): void {
  const live = rt.state.elements[instance.key];
  if (!live || live.loopCounter !== undefined && isIteration(rt, live)) return;
  const boundaries = live.kind === 'process' ? undefined : rt.process.boundaryEvents[live.elementId];
  const eventStarts = live.kind === 'process' || live.kind === 'sub-process' ? rt.process.eventSubProcessStarts[live.elementId] : undefined;
  if (!boundaries && !eventStarts) return;
  const open = new Set(subscriptionsOwnedBy(rt, live.key).map((s) => s.elementId));
  for (const id of [...(boundaries ?? []), ...(eventStarts ?? [])]) {
    const catching = rt.process.elements[id];
    if (!catching || open.has(id) || !rt.state.elements[live.key]) continue;
    const definition = 'eventDefinition' in catching ? catching.eventDefinition : null;
    if (!isSubscribable(definition)) continue;
    const interrupting = catching.kind === 'boundary-event' ? catching.cancelActivity : catching.kind === 'start-event' ? catching.interrupting : true;
    openSubscription(rt, live, catching, definition, interrupting);
  }
}

function isIteration(rt: Runtime, instance: ElementInstance): boolean {
  const scope = instance.scopeKey === null ? undefined : rt.state.elements[instance.scopeKey];
  return scope?.kind === 'multi-instance-body' || scope?.kind === 'loop-body';
}

type Described = Omit<EventSubscription, 'key' | 'elementId' | 'elementInstanceKey' | 'interrupting'>;

function describe(rt: Runtime, owner: ElementInstance, catching: ExecutableElement, definition: SubscribableDefinition): Outcome<Described> {
  switch (definition.kind) {
    case 'timer': {
      const text = evaluateSource(rt, definition.value, owner.key, `the timer of '${catching.id}'`, asTimerText);
      if (!text.ok) return text;
      const due = firstDue(definition.timerType, text.value.trim(), rt.now);
      if (!due.ok) return failure(`Expected the timer of '${catching.id}' to be valid, but: ${due.message}`);
      return success({ kind: 'timer', dueAt: due.value.dueAt, remaining: due.value.remaining, ...(definition.timerType === 'cycle' ? { cycle: text.value.trim() } : {}) });
    }
    case 'message': {
      const name = evaluateSource(rt, definition.messageName, owner.key, `the message name of '${catching.id}'`, asName);
      if (!name.ok) return name;
      if (definition.correlationKey === null) return success({ kind: 'message', name: name.value, correlationKey: null });
      const key = evaluate(rt, definition.correlationKey, owner.key);
      if (!key.ok) return failure(`Expected the correlation key of '${catching.id}' to evaluate, but: ${key.message}`);
      const correlationKey = asCorrelationKey(key.value);
      if (correlationKey === undefined) return failure(`Expected the correlation key '${definition.correlationKey.source}' of '${catching.id}' to be a string or number, but it is ${JSON.stringify(key.value)}`);
      return success({ kind: 'message', name: name.value, correlationKey });
    }
    case 'signal': {
      const name = evaluateSource(rt, definition.signalName, owner.key, `the signal name of '${catching.id}'`, asName);
      return name.ok ? success({ kind: 'signal', name: name.value }) : name;
    }
    case 'conditional':
      return success({ kind: 'conditional' });
  }
}

function asName(value: JsonValue): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function asTimerText(value: JsonValue): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Camunda 8 accepts strings and numbers as correlation keys; numbers compare by their text. */
export function asCorrelationKey(value: JsonValue): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
