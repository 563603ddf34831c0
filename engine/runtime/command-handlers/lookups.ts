import { reject, type Rejection } from '../../errors/codes.js';
import type { ElementInstance, Job, UserTask } from '../../state/instance-state.js';
import { isJsonObject, toJsonValue, type JsonObject } from '../../state/json-value.js';
import type { Runtime } from '../runtime.js';

/** Command-side lookups that turn a missing target into the matching rejection. */

export function findJob(rt: Runtime, jobKey: string): { job: Job; instance: ElementInstance } | Rejection {
  const job = rt.state.jobs[jobKey];
  const instance = job && rt.state.elements[job.elementInstanceKey];
  if (!job || !instance) return reject('ENG_ERR_JOB_NOT_FOUND', `Expected an open job '${jobKey}' in instance '${rt.state.id}', but found none`);
  return { job, instance };
}

export function findActivatableJob(rt: Runtime, jobKey: string): { job: Job; instance: ElementInstance } | Rejection {
  const found = findJob(rt, jobKey);
  if ('ok' in found) return found;
  if (found.job.state !== 'activatable') {
    return reject('ENG_ERR_JOB_NOT_ACTIVATABLE', `Expected job '${jobKey}' to be activatable, but it waits for an incident to be resolved`);
  }
  return found;
}

export function findTask(rt: Runtime, taskKey: string): { task: UserTask; instance: ElementInstance } | Rejection {
  const task = rt.state.userTasks[taskKey];
  const instance = task && rt.state.elements[task.elementInstanceKey];
  if (!task || !instance) return reject('ENG_ERR_TASK_NOT_FOUND', `Expected an open user task '${taskKey}' in instance '${rt.state.id}', but found none`);
  return { task, instance };
}

export function findElementInstance(rt: Runtime, key: string): ElementInstance | Rejection {
  const instance = rt.state.elements[key];
  if (!instance) return reject('ENG_ERR_ELEMENT_INSTANCE_NOT_FOUND', `Expected a live element instance '${key}' in instance '${rt.state.id}', but found none`);
  return instance;
}

export function checkVariables(variables: unknown): JsonObject | Rejection {
  if (variables === undefined || variables === null) return {};
  // Normalised once here, so that events and state hold the same plain JSON.
  if (isJsonObject(variables)) return toJsonValue(variables) as JsonObject;
  return reject('ENG_ERR_INVALID_VARIABLES', `Expected variables to be a JSON object, but got ${Array.isArray(variables) ? 'an array' : typeof variables}`);
}

export function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}
