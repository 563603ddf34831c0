import type { ExecutableProcess, TimerType, ValueSource } from '../model/index.js';
import type { EventSubscription } from '../state/instance-state.js';

/** A process-level start event that a message, signal or timer triggers. */
export type EventStart =
  | { readonly kind: 'message'; readonly elementId: string; readonly name: string }
  | { readonly kind: 'signal'; readonly elementId: string; readonly name: string }
  | { readonly kind: 'timer'; readonly elementId: string; readonly timerType: TimerType; readonly text: string };

/**
 * The event starts of a process, with their names and timers as literals. A start event
 * has no instance to evaluate FEEL in, so an expression is evaluated over no variables
 * (e.g. `="order-" + "created"`); one that fails is left out.
 */
export function eventStartsOf(process: ExecutableProcess): EventStart[] {
  const starts: EventStart[] = [];
  for (const elementId of process.eventStartIds) {
    const element = process.elements[elementId];
    const definition = element?.kind === 'start-event' ? element.eventDefinition : null;
    if (definition?.kind === 'message') {
      const name = literal(definition.messageName);
      if (name) starts.push({ kind: 'message', elementId, name });
    } else if (definition?.kind === 'signal') {
      const name = literal(definition.signalName);
      if (name) starts.push({ kind: 'signal', elementId, name });
    } else if (definition?.kind === 'timer') {
      const text = literal(definition.value);
      if (text) starts.push({ kind: 'timer', elementId, timerType: definition.timerType, text: text.trim() });
    }
  }
  return starts;
}

function literal(source: ValueSource): string | null {
  if (source.kind === 'static') return source.value || null;
  // No instance, no clock: the epoch stands in for `now()`, which a start event's name should not use.
  const result = source.expression.evaluate({}, new Date(0));
  return result.ok && typeof result.value === 'string' && result.value !== '' ? result.value : null;
}

/** A message subscription takes a message of its name whose key matches; a subscription without a key takes any key. */
export function messageMatches(subscription: Pick<EventSubscription, 'kind' | 'name' | 'correlationKey'>, name: string, correlationKey: string | null): boolean {
  if (subscription.kind !== 'message' || subscription.name !== name) return false;
  return subscription.correlationKey === null || subscription.correlationKey === undefined || subscription.correlationKey === correlationKey;
}
