import type { ExecutableProcess } from '../model/index.js';
import type { VariableContext } from '../ports/expression-language.js';
import type { Incident, InstanceState, Job, UserTask } from '../state/instance-state.js';
import type { JsonValue } from '../state/json-value.js';
import { visibleVariables } from './capabilities/variables.js';

/**
 * Read views the API needs, computed from a state alone (no events): the inbox, the
 * job queue, the instance's variables, its incidents and where its tokens stand.
 */

interface InstanceFields {
  readonly instanceId: string;
  readonly processKey: string;
  readonly definitionId: string;
  readonly businessKey: string | null;
}

export interface UserTaskView extends UserTask, InstanceFields {}
export interface JobView extends Job, InstanceFields {}
export interface IncidentView extends Incident, InstanceFields {}

export function openUserTasks(state: InstanceState): UserTaskView[] {
  return Object.values(state.userTasks).map((task) => ({ ...task, ...instanceFields(state) }));
}

/** Open jobs; with `now`, only those a worker may run at that time (activatable, backoff over). */
export function openJobs(state: InstanceState, now?: Date): JobView[] {
  const at = now?.getTime();
  return Object.values(state.jobs)
    .filter((job) => at === undefined || (job.state === 'activatable' && (job.retryAt === undefined || job.retryAt <= at)))
    .map((job) => ({ ...job, ...instanceFields(state) }));
}

/** What a worker gets with a job: every variable its element instance sees. */
export function jobVariables(state: InstanceState, jobKey: string): VariableContext {
  const job = state.jobs[jobKey];
  return job ? { ...visibleVariables(state, job.elementInstanceKey) } : {};
}

/** The instance's variables (the root scope): also available once the instance has ended. */
export function rootVariables(state: InstanceState): Readonly<Record<string, JsonValue>> {
  return state.variables[state.id] ?? {};
}

export function openIncidents(state: InstanceState): IncidentView[] {
  return Object.values(state.incidents).map((incident) => ({ ...incident, ...instanceFields(state) }));
}

/** Where tokens stand: live element instances other than the process and loop bodies. */
export function activeElements(state: InstanceState): { readonly elementId: string; readonly elementInstanceId: string; readonly kind: string }[] {
  return Object.values(state.elements)
    .filter((instance) => instance.kind !== 'process' && instance.kind !== 'multi-instance-body' && instance.kind !== 'loop-body')
    .map((instance) => ({ elementId: instance.elementId, elementInstanceId: instance.key, kind: instance.kind }));
}

/** The funnel stages (`ff:stage`) the instance's tokens stand in, without duplicates. */
export function currentStages(state: InstanceState, process: ExecutableProcess): string[] {
  const stages = new Set<string>();
  for (const { elementId } of activeElements(state)) {
    const stage = process.elements[elementId]?.stage;
    if (stage) stages.add(stage);
  }
  return [...stages];
}

function instanceFields(state: InstanceState): InstanceFields {
  return { instanceId: state.id, processKey: state.processKey, definitionId: state.definitionId, businessKey: state.businessKey };
}
