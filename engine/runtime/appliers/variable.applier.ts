import type { MutableInstanceState } from '../../state/mutable-instance-state.js';
import type { AppliersFor, Applier } from './applier.js';

const setVariable: Applier<'variable-created' | 'variable-updated'> = (state: MutableInstanceState, event) => {
  const { scopeKey, name, value } = event.payload;
  (state.variables[scopeKey] ??= {})[name] = value;
};

export const variableAppliers: AppliersFor<'variable-created' | 'variable-updated'> = {
  'variable-created': setVariable,
  'variable-updated': setVariable,
};
