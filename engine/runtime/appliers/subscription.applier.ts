import type { MutableInstanceState } from '../../state/mutable-instance-state.js';
import type { EventSubscription } from '../../state/instance-state.js';
import type { AppliersFor } from './applier.js';

/** Open subscriptions live in `subscriptions` (created on first use: older states have none). */
export const subscriptionAppliers: AppliersFor<
  | 'subscription-opened'
  | 'subscription-closed'
  | 'timer-rescheduled'
  | 'subscription-triggered'
  | 'message-published'
  | 'signal-broadcast'
  | 'error-propagated'
  | 'escalation-propagated'
> = {
  'subscription-opened': (state, event) => {
    const subscription = event.payload.subscription;
    subscriptionsOf(state)[subscription.key] = subscription;
  },
  'subscription-closed': (state, event) => {
    if (state.subscriptions) delete state.subscriptions[event.payload.subscriptionKey];
  },
  'timer-rescheduled': (state, event) => {
    const { subscriptionKey, dueAt, remaining } = event.payload;
    const subscriptions = subscriptionsOf(state);
    const current = subscriptions[subscriptionKey];
    if (current) subscriptions[subscriptionKey] = { ...current, dueAt, remaining };
  },
  // Facts for the driver and history: nothing in the state changes.
  'subscription-triggered': () => {},
  'message-published': () => {},
  'signal-broadcast': () => {},
  'error-propagated': () => {},
  'escalation-propagated': () => {},
};

function subscriptionsOf(state: MutableInstanceState): Record<string, EventSubscription> {
  return (state.subscriptions ??= {});
}
