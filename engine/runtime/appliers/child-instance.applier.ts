import type { AppliersFor } from './applier.js';

/** A call activity remembers the child it asked for; cancelling a child changes nothing here. */
export const childInstanceAppliers: AppliersFor<'child-instance-requested' | 'child-instance-cancel-requested'> = {
  'child-instance-requested': (state, event) => {
    state.elements[event.elementInstanceId!]!.childInstanceId = event.payload.childInstanceId;
  },
  'child-instance-cancel-requested': () => {},
};
