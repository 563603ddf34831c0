import { raiseIncident } from '../capabilities/incidents.js';
import { elementOf, runActivation, runCompletion } from '../capabilities/lifecycle.js';
import { ASYNC_CONTINUATION_JOB_TYPE } from '../../model/index.js';
import { mergeResultVariables } from '../capabilities/result-variables.js';
import { throwError } from '../capabilities/throw-events.js';
import { propagateVariables } from '../capabilities/variables.js';
import type { ElementInstance } from '../../state/instance-state.js';
import type { CommandHandler } from './command-handler.js';
import { checkVariables, findActivatableJob, isRejection } from './lookups.js';

/** A worker finished a job: its variables merge in and the element completes. */
export const completeJobHandler: CommandHandler<'complete-job'> = (rt, command) => {
  const found = findActivatableJob(rt, command.jobKey);
  if (isRejection(found)) return found;
  const variables = checkVariables(command.variables);
  if (isRejection(variables)) return variables;
  const { instance, job } = found;
  if (job.type === ASYNC_CONTINUATION_JOB_TYPE) {
    rt.emit('async-continued', instance.elementId, instance.key, { jobKey: command.jobKey });
    runActivation(rt, rt.state.elements[instance.key]!);
    return undefined;
  }
  rt.emit('job-completed', instance.elementId, instance.key, { jobKey: command.jobKey, variables });
  mergeResultVariables(rt, elementOf(rt, instance), instance, variables);
  runCompletion(rt, rt.state.elements[instance.key]!);
  return undefined;
};

/** Stacks are kept for people to read, not whole logs. */
const MAX_DETAILS = 20_000;

/** The model's `ff:retryBackoff` wait after this failure (the last entry repeats); undefined without a schedule. */
function scheduledBackoff(rt: Parameters<CommandHandler<'fail-job'>>[0], instance: ElementInstance, failuresBefore: number): number | undefined {
  const element = elementOf(rt, instance);
  const schedule = 'job' in element && element.job ? element.job.retryBackoff : [];
  return schedule.length === 0 ? undefined : schedule[Math.min(failuresBefore, schedule.length - 1)];
}

/** A worker failed: the job keeps `retries` (from `retryAt` after a backoff); none left raises an incident. */
export const failJobHandler: CommandHandler<'fail-job'> = (rt, command) => {
  const found = findActivatableJob(rt, command.jobKey);
  if (isRejection(found)) return found;
  const { instance, job } = found;
  const retries = Math.max(0, Math.trunc(Number(command.retries) || 0));
  const errorMessage = command.errorMessage ?? '';
  const backoff = scheduledBackoff(rt, instance, job.failures ?? 0) ?? command.retryBackoffMs ?? 0;
  const retryAt = retries > 0 && backoff > 0 ? rt.now.getTime() + backoff : null;
  const errorDetails = command.errorDetails ? command.errorDetails.slice(0, MAX_DETAILS) : null;
  rt.emit('job-failed', instance.elementId, instance.key, { jobKey: command.jobKey, retries, errorMessage, retryAt, ...(errorDetails ? { errorDetails } : {}) });
  if (retries === 0) {
    const message = errorMessage || `Expected job '${command.jobKey}' to complete, but it failed with no retries left`;
    raiseIncident(rt, instance, 'JOB_NO_RETRIES', message, 'job', { jobKey: command.jobKey, ...(errorDetails ? { details: errorDetails } : {}) });
  }
  return undefined;
};

/**
 * A worker threw a BPMN error: its variables propagate from the task, then the nearest
 * error catch takes over (the task is terminated with its job). Uncaught, a called
 * instance passes it to its parent; otherwise an incident (resolving it retries the job).
 */
export const throwBpmnErrorHandler: CommandHandler<'throw-bpmn-error'> = (rt, command) => {
  const found = findActivatableJob(rt, command.jobKey);
  if (isRejection(found)) return found;
  const variables = checkVariables(command.variables);
  if (isRejection(variables)) return variables;
  const { instance } = found;
  const errorMessage = command.errorMessage ?? '';
  rt.emit('job-error-thrown', instance.elementId, instance.key, { jobKey: command.jobKey, errorCode: command.errorCode, errorMessage });
  if (Object.keys(variables).length > 0) propagateVariables(rt, instance.key, variables);
  throwError(rt, rt.state.elements[instance.key]!, command.errorCode, errorMessage, { step: 'job', jobKey: command.jobKey });
  return undefined;
};
