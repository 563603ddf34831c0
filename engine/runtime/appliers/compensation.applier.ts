import type { CompensableActivity } from '../../state/instance-state.js';
import type { MutableInstanceState } from '../../state/mutable-instance-state.js';
import type { AppliersFor } from './applier.js';

/** Compensable activities per scope, and the handlers a compensation run still has to start. */
export const compensationAppliers: AppliersFor<'compensable-recorded' | 'compensable-moved' | 'compensation-planned' | 'compensation-handler-started'> = {
  'compensable-recorded': (state, event) => {
    const { scopeKey, activity } = event.payload;
    const lists = compensableOf(state);
    lists[scopeKey] = [...(lists[scopeKey] ?? []), activity];
  },
  'compensable-moved': (state, event) => {
    const { fromScopeKey, toScopeKey } = event.payload;
    const lists = compensableOf(state);
    const moving = lists[fromScopeKey];
    delete lists[fromScopeKey];
    if (moving && toScopeKey !== null) lists[toScopeKey] = [...(lists[toScopeKey] ?? []), ...moving];
  },
  'compensation-planned': (state, event) => {
    const { scopeKey, handlers, awaiting } = event.payload;
    const lists = compensableOf(state);
    const planned = new Set(handlers.map((h) => h.elementInstanceKey));
    const rest = (lists[scopeKey] ?? []).filter((activity) => !planned.has(activity.elementInstanceKey));
    if (rest.length > 0) lists[scopeKey] = rest;
    else delete lists[scopeKey];
    const run = state.elements[event.elementInstanceId!]!;
    run.pendingHandlers = handlers;
    run.awaiting = awaiting;
  },
  'compensation-handler-started': (state, event) => {
    const run = state.elements[event.elementInstanceId!]!;
    run.pendingHandlers = (run.pendingHandlers ?? []).filter((h) => h.elementInstanceKey !== event.payload.activity.elementInstanceKey);
  },
};

function compensableOf(state: MutableInstanceState): Record<string, readonly CompensableActivity[]> {
  return (state.compensable ??= {});
}
