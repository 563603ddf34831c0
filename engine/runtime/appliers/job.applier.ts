import type { MutableInstanceState } from '../../state/mutable-instance-state.js';
import type { AppliersFor } from './applier.js';

/** Open jobs live in `jobs` and are linked from their element instance. */
export const jobAppliers: AppliersFor<
  'job-created' | 'job-completed' | 'job-failed' | 'job-error-thrown' | 'job-retries-updated' | 'job-cancelled' | 'async-continued'
> = {
  'async-continued': (state, event) => {
    removeJob(state, event.payload.jobKey);
    state.elements[event.elementInstanceId!]!.continued = true;
  },
  'job-created': (state, event) => {
    const { payload } = event;
    const elementInstanceKey = event.elementInstanceId!;
    state.jobs[payload.jobKey] = {
      key: payload.jobKey,
      type: payload.type,
      retries: payload.retries,
      elementInstanceKey,
      elementId: event.elementId!,
      headers: payload.headers,
      ...(payload.priority !== 0 ? { priority: payload.priority } : {}),
      state: 'activatable',
      createdAt: event.time,
    };
    state.elements[elementInstanceKey]!.jobKey = payload.jobKey;
  },
  'job-completed': (state, event) => removeJob(state, event.payload.jobKey),
  'job-cancelled': (state, event) => removeJob(state, event.payload.jobKey),
  'job-failed': (state, event) => {
    const { jobKey, retries, errorMessage, retryAt } = event.payload;
    const job = state.jobs[jobKey]!;
    job.retries = retries;
    job.failures = (job.failures ?? 0) + 1;
    job.errorMessage = errorMessage;
    if (event.payload.errorDetails) job.errorDetails = event.payload.errorDetails;
    else delete job.errorDetails;
    job.state = retries > 0 ? 'activatable' : 'incident';
    if (retryAt === null) delete job.retryAt;
    else job.retryAt = retryAt;
  },
  'job-error-thrown': (state, event) => {
    const job = state.jobs[event.payload.jobKey]!;
    job.state = 'incident';
    job.errorMessage = event.payload.errorMessage;
  },
  'job-retries-updated': (state, event) => {
    const job = state.jobs[event.payload.jobKey]!;
    job.retries = event.payload.retries;
    job.state = 'activatable';
    delete job.retryAt;
  },
};

function removeJob(state: MutableInstanceState, jobKey: string): void {
  const job = state.jobs[jobKey];
  if (!job) return;
  delete state.jobs[jobKey];
  const instance = state.elements[job.elementInstanceKey];
  if (instance) delete instance.jobKey;
}
