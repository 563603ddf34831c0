import type { InstanceState } from '../state/instance-state.js';

/**
 * Copy a state so that a command never changes its input. Only the containers are
 * copied: variable values, incidents and task lists are replaced (never edited in place)
 * by the appliers, so they may be shared.
 */
export function cloneState(state: InstanceState): InstanceState {
  const elements: Record<string, InstanceState['elements'][string]> = {};
  for (const key in state.elements) {
    const instance = state.elements[key]!;
    elements[key] = instance.body ? { ...instance, body: { ...instance.body } } : { ...instance };
  }
  const variables: Record<string, InstanceState['variables'][string]> = {};
  for (const key in state.variables) variables[key] = { ...state.variables[key] };
  const joins: Record<string, Record<string, Record<string, number>>> = {};
  for (const scopeKey in state.joins) {
    const gateways: Record<string, Record<string, number>> = (joins[scopeKey] = {});
    for (const gatewayId in state.joins[scopeKey]) gateways[gatewayId] = { ...state.joins[scopeKey]![gatewayId] };
  }
  return {
    ...state,
    elements,
    variables,
    joins,
    jobs: mapValues(state.jobs),
    userTasks: mapValues(state.userTasks),
    incidents: { ...state.incidents },
    // Subscriptions and compensable lists are replaced, never edited in place: a shallow copy suffices.
    ...(state.subscriptions ? { subscriptions: { ...state.subscriptions } } : {}),
    ...(state.compensable ? { compensable: { ...state.compensable } } : {}),
  };
}

function mapValues<T extends object>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key in record) out[key] = { ...record[key]! };
  return out;
}
