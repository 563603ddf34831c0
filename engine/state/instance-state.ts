import type { ElementKind } from '../model/index.js';
import type { JsonValue } from './json-value.js';

/**
 * One process instance at rest, as plain JSON data (stored as jsonb, reloaded, and handed
 * back to `processCommand`). Only live element instances are kept: an element instance
 * is removed when it completes or terminates, and history keeps the record of it.
 *
 * Read-only for everyone; `runtime/appliers/` alone changes it (through its mutable view).
 */
export interface InstanceState {
  /** The shape version of this document, for loading old states after a change. */
  readonly schema: 1;
  readonly id: string;
  readonly definitionId: string;
  readonly processKey: string;
  readonly businessKey: string | null;
  readonly state: InstanceStatus;
  readonly parent: ParentLink | null;
  /** Incremented once per processed command: the optimistic-concurrency token. */
  readonly version: number;
  readonly startTime: string;
  readonly endTime: string | null;
  /** Live element instances by key; the process itself is the one whose key is `id`. */
  readonly elements: Readonly<Record<string, ElementInstance>>;
  /** Variables by scope key (an element instance key; `id` for the root scope). */
  readonly variables: Readonly<Record<string, Readonly<Record<string, JsonValue>>>>;
  /** Tokens waiting at joining gateways: scope key → gateway id → flow id → count. */
  readonly joins: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, number>>>>>>;
  readonly jobs: Readonly<Record<string, Job>>;
  readonly userTasks: Readonly<Record<string, UserTask>>;
  readonly incidents: Readonly<Record<string, Incident>>;
  /** Open event subscriptions (timers, messages, signals, conditions) by key. Absent in states stored before they existed. */
  readonly subscriptions?: Readonly<Record<string, EventSubscription>>;
  /** Completed activities that have a compensation handler, by the scope they ran in, oldest first. */
  readonly compensable?: Readonly<Record<string, readonly CompensableActivity[]>>;
}

export type SubscriptionKind = 'timer' | 'message' | 'signal' | 'conditional';

/**
 * What a waiting catch listens for. `elementId` is the element that catches (a catch
 * event, receive task, boundary event or event sub-process start); `elementInstanceKey`
 * the live instance that owns the subscription: the waiting element itself, the activity
 * a boundary event is attached to, the scope of an event sub-process, or an event-based
 * gateway. It is closed when its owner ends.
 */
export interface EventSubscription {
  readonly key: string;
  readonly kind: SubscriptionKind;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  readonly interrupting: boolean;
  /** Message or signal name. */
  readonly name?: string;
  /** A message catch's correlation key; null matches by name alone. */
  readonly correlationKey?: string | null;
  /** Timers: when it fires next (ISO), how many more times after that (null: forever), and the cycle text. */
  readonly dueAt?: string;
  readonly remaining?: number | null;
  readonly cycle?: string;
}

/** A completed activity whose compensation handler may still run (in the scope it completed in). */
export interface CompensableActivity {
  readonly elementId: string;
  readonly elementInstanceKey: string;
}

export type InstanceStatus = 'active' | 'completed' | 'terminated' | 'incident';

/** How a called (child) instance knows its caller. */
export interface ParentLink {
  readonly instanceId: string;
  /** The call activity's element instance in the parent. */
  readonly elementInstanceId: string;
  readonly elementId: string;
  /** The top of the call chain (the parent's own root, or the parent). */
  readonly rootInstanceId: string;
}

/** Element kinds plus the runtime-only scopes: the process itself and loop bodies. */
export type ElementInstanceKind = ElementKind | 'process' | 'multi-instance-body' | 'loop-body' | 'compensation';

/** `completed`/`terminated` instances are removed, so only these are stored. */
export type ElementLifecycle = 'activating' | 'active' | 'completing';

export interface ElementInstance {
  readonly key: string;
  readonly elementId: string;
  readonly kind: ElementInstanceKind;
  /** The flow scope: the process, sub-process or loop body instance this one runs in. */
  readonly scopeKey: string | null;
  readonly lifecycle: ElementLifecycle;
  readonly startTime: string;
  /** 1-based iteration of an instance inside a loop or multi-instance body. */
  readonly loopCounter?: number;
  readonly body?: LoopBody;
  readonly jobKey?: string;
  readonly userTaskKey?: string;
  readonly childInstanceId?: string;
  /** A compensation run: the handlers still to run, in order (see capabilities/compensation.ts). */
  readonly pendingHandlers?: readonly CompensableActivity[];
  /** A throw event waiting for its compensation run to finish. */
  readonly awaiting?: string;
  /** An `ff:asyncBefore` activity whose continuation job ran: it activates for real now. */
  readonly continued?: boolean;
}

/** Bookkeeping of a multi-instance or standard-loop body. */
export interface LoopBody {
  /** Multi-instance: how many instances in all. */
  readonly total: number;
  /** Sequential multi-instance: the items still to hand out (by loopCounter - 1). */
  readonly items?: readonly JsonValue[];
  /** The loopCounter the next inner instance gets. */
  readonly nextCounter: number;
  readonly completed: number;
  readonly terminated: number;
}

export interface Job {
  readonly key: string;
  readonly type: string;
  readonly retries: number;
  readonly elementInstanceKey: string;
  readonly elementId: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Higher first among due jobs; absent: 0 (`ff:jobPriority`). */
  readonly priority?: number;
  /** `activatable`: a worker may run it (from `retryAt`, epoch ms, if set); `incident`: waits for resolution. */
  readonly state: 'activatable' | 'incident';
  readonly retryAt?: number;
  /** How often it failed so far (picks the wait from a backoff schedule). */
  readonly failures?: number;
  readonly errorMessage?: string;
  readonly errorDetails?: string;
  readonly createdAt: string;
}

export interface UserTask {
  readonly key: string;
  readonly elementInstanceKey: string;
  readonly elementId: string;
  readonly name: string | null;
  readonly assignee: string | null;
  readonly candidateGroups: readonly string[];
  readonly candidateUsers: readonly string[];
  readonly dueDate: string | null;
  readonly followUpDate: string | null;
  readonly priority: number;
  readonly formKey: string | null;
  readonly createdAt: string;
}

export type IncidentErrorType =
  | 'JOB_NO_RETRIES'
  | 'UNHANDLED_ERROR_EVENT'
  | 'EXPRESSION_ERROR'
  | 'CONDITION_ERROR'
  | 'IO_MAPPING_ERROR'
  | 'CALLED_ELEMENT_ERROR'
  | 'CHILD_INSTANCE_TERMINATED'
  | 'TIMER_ERROR'
  | 'MESSAGE_ERROR';

/**
 * An open incident: the element instance stopped at `step` and resolving it runs that
 * step again (`job`: the job gets retries and becomes activatable again).
 */
export interface Incident {
  readonly key: string;
  readonly errorType: IncidentErrorType;
  readonly message: string;
  readonly elementInstanceKey: string;
  readonly elementId: string;
  readonly step: IncidentStep;
  readonly jobKey?: string;
  readonly errorCode?: string;
  readonly details?: string;
  readonly createdAt: string;
}

export type IncidentStep = 'activate' | 'complete' | 'job' | 'child';
