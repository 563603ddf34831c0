import type { ExecutableElement, JobDefinition } from '../../model/index.js';
import { ASYNC_CONTINUATION_JOB_TYPE, DEFAULT_JOB_RETRIES } from '../../model/index.js';
import type { ElementInstance } from '../../state/instance-state.js';
import type { JsonValue } from '../../state/json-value.js';
import type { Runtime } from '../runtime.js';
import { evaluateSource } from './evaluate.js';
import { raiseIncident } from './incidents.js';
import { markActivated } from './lifecycle.js';

/**
 * Hand the element's work to a worker: the element waits (active) with an open job until
 * the job is completed, fails for good (incident) or throws a BPMN error.
 */
export function createJob(rt: Runtime, element: ExecutableElement, instance: ElementInstance, job: JobDefinition): void {
  const type = evaluateSource(rt, job.type, instance.key, 'the job type', asText);
  if (!type.ok) return raiseIncident(rt, instance, 'EXPRESSION_ERROR', type.message, 'activate');
  const retries = evaluateSource(rt, job.retries, instance.key, 'the job retries', asRetries);
  if (!retries.ok) return raiseIncident(rt, instance, 'EXPRESSION_ERROR', retries.message, 'activate');
  const priority = job.priority ? evaluateSource(rt, job.priority, instance.key, 'the job priority', asPriority) : { ok: true as const, value: 0 };
  if (!priority.ok) return raiseIncident(rt, instance, 'EXPRESSION_ERROR', priority.message, 'activate');
  markActivated(rt, instance);
  rt.emit('job-created', element.id, instance.key, {
    jobKey: rt.nextId(),
    processKey: rt.state.processKey,
    definitionId: rt.state.definitionId,
    type: type.value,
    retries: retries.value,
    headers: job.headers,
    priority: priority.value,
  });
}

/** `ff:asyncBefore`: the activation waits (still activating) for a continuation job, which every engine runs itself. */
export function startAsyncContinuation(rt: Runtime, element: ExecutableElement, instance: ElementInstance): void {
  rt.emit('job-created', element.id, instance.key, {
    jobKey: rt.nextId(),
    processKey: rt.state.processKey,
    definitionId: rt.state.definitionId,
    type: ASYNC_CONTINUATION_JOB_TYPE,
    retries: DEFAULT_JOB_RETRIES,
    headers: {},
    priority: 0,
  });
}

export function cancelJob(rt: Runtime, instance: ElementInstance): void {
  if (instance.jobKey) rt.emit('job-cancelled', instance.elementId, instance.key, { jobKey: instance.jobKey });
}

/** The retries a resolved job incident gives back: the configured number, when it is a literal. */
export function configuredRetries(job: JobDefinition | null | undefined): number {
  return job?.retries.kind === 'static' && job.retries.value > 0 ? job.retries.value : DEFAULT_JOB_RETRIES;
}

function asText(value: JsonValue): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function asPriority(value: JsonValue): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= 2 ** 31 - 1 ? value : undefined;
}

function asRetries(value: JsonValue): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
