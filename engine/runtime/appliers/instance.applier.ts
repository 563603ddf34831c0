import type { AppliersFor } from './applier.js';

/** Instance-level outcomes. (`instance-created` builds the state; see appliers/index.ts.) */
export const instanceAppliers: AppliersFor<'instance-completed' | 'instance-terminated'> = {
  'instance-completed': (state, event) => {
    state.state = 'completed';
    state.endTime = event.time;
  },
  'instance-terminated': (state, event) => {
    state.state = 'terminated';
    state.endTime = event.time;
  },
};
