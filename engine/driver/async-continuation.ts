import type { JobHandler } from './job-handler.js';

/**
 * The worker of async continuations (`ff:asyncBefore`): there is no work, only the
 * transaction boundary. Its completion lets the element activate (see the complete-job
 * handler), in the command the job runner sends.
 */
export const continueAsync: JobHandler = () => ({});
