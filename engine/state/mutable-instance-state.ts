import type { JsonValue } from './json-value.js';
import type { CompensableActivity, ElementInstance, EventSubscription, Incident, InstanceState, Job, LoopBody, UserTask } from './instance-state.js';

/**
 * The writable view of `InstanceState`. Only `runtime/appliers/` may import this file:
 * every change to an instance is an event applied there, so that replaying the events
 * rebuilds the state.
 */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface MutableElementInstance extends Mutable<ElementInstance> {
  body?: Mutable<LoopBody>;
}

export interface MutableInstanceState
  extends Mutable<Omit<InstanceState, 'elements' | 'variables' | 'joins' | 'jobs' | 'userTasks' | 'incidents' | 'subscriptions' | 'compensable'>> {
  elements: Record<string, MutableElementInstance>;
  variables: Record<string, Record<string, JsonValue>>;
  joins: Record<string, Record<string, Record<string, number>>>;
  jobs: Record<string, Mutable<Job>>;
  userTasks: Record<string, Mutable<UserTask>>;
  incidents: Record<string, Incident>;
  subscriptions?: Record<string, EventSubscription>;
  compensable?: Record<string, readonly CompensableActivity[]>;
}
