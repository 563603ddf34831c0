import type { MutableElementInstance, MutableInstanceState } from '../../state/mutable-instance-state.js';
import type { AppliersFor } from './applier.js';

/** Element instance life cycle: created on activating, removed (with its scope's data) when it ends. */
export const elementAppliers: AppliersFor<
  'element-activating' | 'element-activated' | 'element-completing' | 'element-completed' | 'element-terminated' | 'loop-body-prepared'
> = {
  'element-activating': (state, event) => {
    const key = event.elementInstanceId!;
    const { payload } = event;
    const instance: MutableElementInstance = {
      key,
      elementId: event.elementId!,
      kind: payload.kind,
      scopeKey: payload.scopeKey,
      lifecycle: 'activating',
      startTime: event.time,
    };
    if (payload.loopCounter !== null) instance.loopCounter = payload.loopCounter;
    state.elements[key] = instance;
    const body = payload.scopeKey === null ? undefined : state.elements[payload.scopeKey]?.body;
    if (body && payload.loopCounter !== null) body.nextCounter = payload.loopCounter + 1;
    if (payload.joinedFlowIds && payload.scopeKey !== null) consumeJoinTokens(state, payload.scopeKey, event.elementId!, payload.joinedFlowIds);
  },
  'element-activated': (state, event) => {
    state.elements[event.elementInstanceId!]!.lifecycle = 'active';
  },
  'element-completing': (state, event) => {
    state.elements[event.elementInstanceId!]!.lifecycle = 'completing';
  },
  'element-completed': (state, event) => {
    removeElementInstance(state, event.elementInstanceId!, 'completed');
  },
  'element-terminated': (state, event) => {
    removeElementInstance(state, event.elementInstanceId!, 'terminated');
  },
  'loop-body-prepared': (state, event) => {
    const { total, items } = event.payload;
    state.elements[event.elementInstanceId!]!.body = {
      total,
      nextCounter: 1,
      completed: 0,
      terminated: 0,
      ...(items === null ? {} : { items }),
    };
  },
};

function removeElementInstance(state: MutableInstanceState, key: string, outcome: 'completed' | 'terminated'): void {
  const instance = state.elements[key];
  if (!instance) return;
  delete state.elements[key];
  // The root scope's variables outlive the instance: they are its result.
  if (key !== state.id) delete state.variables[key];
  delete state.joins[key];
  const body = instance.scopeKey === null ? undefined : state.elements[instance.scopeKey]?.body;
  if (body) body[outcome] += 1;
}

function consumeJoinTokens(state: MutableInstanceState, scopeKey: string, gatewayId: string, flowIds: readonly string[]): void {
  const scope = state.joins[scopeKey];
  const tokens = scope?.[gatewayId];
  if (!scope || !tokens) return;
  for (const flowId of flowIds) {
    const count = (tokens[flowId] ?? 0) - 1;
    if (count > 0) tokens[flowId] = count;
    else delete tokens[flowId];
  }
  if (Object.keys(tokens).length === 0) delete scope[gatewayId];
  if (Object.keys(scope).length === 0) delete state.joins[scopeKey];
}
