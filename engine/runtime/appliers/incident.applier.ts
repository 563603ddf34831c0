import type { AppliersFor } from './applier.js';

/** An open incident puts the instance in state `incident` until the last one is resolved. */
export const incidentAppliers: AppliersFor<'incident-created' | 'incident-resolved'> = {
  'incident-created': (state, event) => {
    const { payload } = event;
    state.incidents[payload.incidentKey] = {
      key: payload.incidentKey,
      errorType: payload.errorType,
      message: payload.message,
      elementInstanceKey: event.elementInstanceId!,
      elementId: event.elementId!,
      step: payload.step,
      ...(payload.jobKey === null ? {} : { jobKey: payload.jobKey }),
      ...(payload.errorCode === null ? {} : { errorCode: payload.errorCode }),
      ...(payload.details ? { details: payload.details } : {}),
      createdAt: event.time,
    };
    if (state.state === 'active') state.state = 'incident';
  },
  'incident-resolved': (state, event) => {
    delete state.incidents[event.payload.incidentKey];
    if (state.state === 'incident' && Object.keys(state.incidents).length === 0) state.state = 'active';
  },
};
