import type { InstanceState } from '../../state/instance-state.js';
import type { MutableInstanceState } from '../../state/mutable-instance-state.js';
import type { EngineEvent, EngineEventOf, EventType } from '../events.js';
import type { Applier } from './applier.js';
import { childInstanceAppliers } from './child-instance.applier.js';
import { compensationAppliers } from './compensation.applier.js';
import { elementAppliers } from './element.applier.js';
import { flowAppliers } from './flow.applier.js';
import { incidentAppliers } from './incident.applier.js';
import { instanceAppliers } from './instance.applier.js';
import { jobAppliers } from './job.applier.js';
import { migrationAppliers } from './migration.applier.js';
import { subscriptionAppliers } from './subscription.applier.js';
import { userTaskAppliers } from './user-task.applier.js';
import { variableAppliers } from './variable.applier.js';

/** Every event type but the one that creates the state; a type without an applier does not compile. */
const APPLIERS: { readonly [T in Exclude<EventType, 'instance-created'>]: Applier<T> } = {
  ...instanceAppliers,
  ...elementAppliers,
  ...flowAppliers,
  ...variableAppliers,
  ...userTaskAppliers,
  ...jobAppliers,
  ...incidentAppliers,
  ...childInstanceAppliers,
  ...subscriptionAppliers,
  ...compensationAppliers,
  ...migrationAppliers,
};

/**
 * Apply one event. `instance-created` builds a fresh state (from null); every other
 * event changes the given state in place and returns it. This is the only door to
 * mutation: behaviours hold the state read-only.
 */
export function applyEvent(state: InstanceState | null, event: EngineEvent): InstanceState {
  if (event.type === 'instance-created') return createState(event);
  if (state === null) throw new Error(`Expected an instance state to apply '${event.type}' to, but there is none`);
  (APPLIERS[event.type] as Applier<EventType>)(state as MutableInstanceState, event);
  return state;
}

/** Close one command: the state's version counts processed commands. */
export function bumpVersion(state: InstanceState): void {
  (state as MutableInstanceState).version += 1;
}

/** Rebuild a state from its stored events, one batch per processed command. */
export function replayEvents(batches: readonly (readonly EngineEvent[])[]): InstanceState | null {
  let state: InstanceState | null = null;
  for (const batch of batches) {
    for (const event of batch) state = applyEvent(state, event);
    if (state) bumpVersion(state);
  }
  return state;
}

function createState(event: EngineEventOf<'instance-created'>): InstanceState {
  const { payload } = event;
  const state: MutableInstanceState = {
    schema: 1,
    id: event.instanceId,
    definitionId: payload.definitionId,
    processKey: payload.processKey,
    businessKey: payload.businessKey,
    state: 'active',
    parent: payload.parent,
    version: 0,
    startTime: event.time,
    endTime: null,
    elements: {},
    variables: {},
    joins: {},
    jobs: {},
    userTasks: {},
    incidents: {},
  };
  return state;
}
