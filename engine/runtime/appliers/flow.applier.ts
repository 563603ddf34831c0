import type { AppliersFor } from './applier.js';

/** Tokens on their way: a flow into a joining gateway leaves a waiting token there. */
export const flowAppliers: AppliersFor<'sequence-flow-taken' | 'join-tokens-discarded'> = {
  'sequence-flow-taken': (state, event) => {
    const { scopeKey, targetId, join } = event.payload;
    if (!join) return;
    const gateways = (state.joins[scopeKey] ??= {});
    const tokens = (gateways[targetId] ??= {});
    const flowId = event.elementId!;
    tokens[flowId] = (tokens[flowId] ?? 0) + 1;
  },
  'join-tokens-discarded': (state, event) => {
    delete state.joins[event.payload.scopeKey];
  },
};
