import type { AppliersFor } from './applier.js';

/** Migration rewrites the element ids of everything live; keys (and so history rows) stay. */
export const migrationAppliers: AppliersFor<'instance-migrated'> = {
  'instance-migrated': (state, event) => {
    const { toDefinitionId, mappings } = event.payload;
    const map = (id: string) => mappings[id] ?? id;
    state.definitionId = toDefinitionId;
    for (const instance of Object.values(state.elements)) {
      if (instance.kind !== 'process') instance.elementId = map(instance.elementId);
    }
    for (const job of Object.values(state.jobs)) job.elementId = map(job.elementId);
    for (const task of Object.values(state.userTasks)) task.elementId = map(task.elementId);
    for (const [key, incident] of Object.entries(state.incidents)) state.incidents[key] = { ...incident, elementId: map(incident.elementId) };
    if (state.subscriptions) {
      for (const [key, subscription] of Object.entries(state.subscriptions)) state.subscriptions[key] = { ...subscription, elementId: map(subscription.elementId) };
    }
  },
};
