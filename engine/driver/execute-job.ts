import { isBpmnError } from '../errors/bpmn-error.js';
import type { Command } from '../runtime/commands.js';
import { toJsonValue, type JsonObject } from '../state/json-value.js';
import type { JobContext, JobHandler } from './job-handler.js';

export interface ExecuteJobOptions {
  /** Read after the handler finished: the command's time. */
  readonly now: () => Date;
  /** Wait before a failed job may run again (0: at once). */
  readonly retryBackoffMs?: number;
}

/**
 * Run a handler and turn its outcome into the command that reports it. Never throws:
 * a thrown `BpmnError` becomes throw-bpmn-error, anything else fail-job with one retry
 * fewer (at zero the runtime raises an incident).
 */
export async function executeJob(handler: JobHandler, job: JobContext, options: ExecuteJobOptions): Promise<Command> {
  try {
    const result = await handler(job);
    return { type: 'complete-job', now: options.now(), jobKey: job.key, variables: asDocument(result?.variables) };
  } catch (error) {
    if (isBpmnError(error)) {
      return { type: 'throw-bpmn-error', now: options.now(), jobKey: job.key, errorCode: error.code, errorMessage: error.message, variables: asDocument(error.variables) };
    }
    return {
      type: 'fail-job',
      now: options.now(),
      jobKey: job.key,
      retries: Math.max(0, job.retries - 1),
      errorMessage: error instanceof Error ? error.message : String(error),
      ...(error instanceof Error && error.stack ? { errorDetails: error.stack } : {}),
      retryBackoffMs: options.retryBackoffMs ?? 0,
    };
  }
}

function asDocument(variables: Readonly<Record<string, unknown>> | undefined): JsonObject {
  const value = toJsonValue(variables ?? {});
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}
