import type { JsonObject, JsonValue } from '../state/json-value.js';
import type { CompensableActivity, ElementInstanceKind, EventSubscription, IncidentErrorType, IncidentStep, ParentLink } from '../state/instance-state.js';

/**
 * The engine's output: what happened, in order. Appliers turn each event into a state
 * change; the shell turns them into rows (history, tasks, jobs, incidents, outbox).
 * Every payload carries `version` so that stored events of an older shape still replay.
 */
export interface EventPayloads {
  /** A new instance (also a called child). */
  'instance-created': {
    definitionId: string;
    processKey: string;
    processVersion: number;
    businessKey: string | null;
    parent: ParentLink | null;
  };
  'instance-completed': { variables: JsonObject; parent: ParentLink | null };
  'instance-terminated': { parent: ParentLink | null };

  /** `bpmnType` is history's activityType; bodies and the process carry their own kinds. */
  'element-activating': {
    kind: ElementInstanceKind;
    bpmnType: string;
    scopeKey: string | null;
    flowId: string | null;
    loopCounter: number | null;
    /** A join gateway consumes one token from each of these incoming flows. */
    joinedFlowIds: readonly string[] | null;
  };
  'element-activated': Record<never, never>;
  'element-completing': Record<never, never>;
  'element-completed': Record<never, never>;
  'element-terminated': Record<never, never>;

  /** `elementId` is the flow's id. `join`: the target is a joining gateway and the token waits there. */
  'sequence-flow-taken': { scopeKey: string; sourceId: string; targetId: string; join: boolean };
  /** A terminate end event discards the tokens waiting at joins of its scope. */
  'join-tokens-discarded': { scopeKey: string };
  /** A multi-instance body knows its size (and, if sequential, the items still to hand out). */
  'loop-body-prepared': { total: number; items: readonly JsonValue[] | null };

  'variable-created': { scopeKey: string; name: string; value: JsonValue };
  'variable-updated': { scopeKey: string; name: string; value: JsonValue };

  'user-task-created': {
    taskKey: string;
    processKey: string;
    definitionId: string;
    name: string | null;
    assignee: string | null;
    candidateGroups: readonly string[];
    candidateUsers: readonly string[];
    dueDate: string | null;
    followUpDate: string | null;
    priority: number;
    formKey: string | null;
  };
  'user-task-assigned': { taskKey: string; assignee: string | null };
  'user-task-completed': { taskKey: string; variables: JsonObject };
  'user-task-cancelled': { taskKey: string };

  'job-created': {
    jobKey: string;
    processKey: string;
    definitionId: string;
    type: string;
    retries: number;
    headers: Readonly<Record<string, string>>;
    /** Higher first among due jobs (`ff:jobPriority`, default 0). */
    priority: number;
  };
  'job-completed': { jobKey: string; variables: JsonObject };
  /** An async continuation's job ran: the element goes on with its activation. */
  'async-continued': { jobKey: string };
  /** `retryAt` (epoch ms) is when the job may run again; null when it may run now or has no retries. */
  'job-failed': { jobKey: string; retries: number; errorMessage: string; retryAt: number | null; errorDetails?: string | null };
  'job-error-thrown': { jobKey: string; errorCode: string; errorMessage: string };
  'job-retries-updated': { jobKey: string; retries: number };
  'job-cancelled': { jobKey: string };

  'incident-created': {
    incidentKey: string;
    errorType: IncidentErrorType;
    message: string;
    step: IncidentStep;
    jobKey: string | null;
    errorCode: string | null;
    /** The failure's stack or details, when a worker gave them. */
    details?: string | null;
  };
  'incident-resolved': { incidentKey: string };

  /** A call activity asks the driver to start the child (with this pre-allocated id). */
  'child-instance-requested': {
    childInstanceId: string;
    definitionId: string;
    processKey: string;
    processVersion: number;
    businessKey: string | null;
    variables: JsonObject;
    parent: ParentLink;
  };
  /** The call activity ended early: the driver cancels the child. */
  'child-instance-cancel-requested': { childInstanceId: string };

  /** A catch starts listening; the shell stores timers as due jobs and messages/signals as subscription rows. */
  'subscription-opened': { subscription: EventSubscription };
  'subscription-closed': { subscriptionKey: string; kind: EventSubscription['kind'] };
  /** A timer cycle fired and waits for its next occurrence. */
  'timer-rescheduled': { subscriptionKey: string; dueAt: string; remaining: number | null };
  /** A subscription's event happened (history of what triggered what). */
  'subscription-triggered': { subscriptionKey: string; kind: EventSubscription['kind']; variables: JsonObject };

  /** A throw event or send task publishes a message: the driver correlates it like a published one. */
  'message-published': { name: string; correlationKey: string | null; variables: JsonObject };
  /** A throw or end event broadcasts a signal to every subscription. */
  'signal-broadcast': { name: string; variables: JsonObject };
  /** No scope of this (called) instance catches the error: it goes to the parent's call activity. */
  'error-propagated': { errorCode: string; errorMessage: string; parent: ParentLink };
  /** No scope of this (called) instance catches the escalation: the parent's call activity may. */
  'escalation-propagated': { escalationCode: string; parent: ParentLink };

  /** The instance continues on another version; element ids of live things change by `mappings` (id → id). */
  'instance-migrated': { fromDefinitionId: string; toDefinitionId: string; processVersion: number; mappings: Readonly<Record<string, string>> };

  /** A completed activity whose compensation handler may run later, remembered in its scope. */
  'compensable-recorded': { scopeKey: string; activity: CompensableActivity };
  /** A scope ended: its compensable activities move to the enclosing scope (null: forgotten). */
  'compensable-moved': { fromScopeKey: string; toScopeKey: string | null };
  /** A compensation run (element instance `elementInstanceId`) takes these handlers, in order, on behalf of `awaiting`. */
  'compensation-planned': { scopeKey: string; handlers: readonly CompensableActivity[]; awaiting: string };
  /** The next handler of a compensation run starts. */
  'compensation-handler-started': { activity: CompensableActivity };
}

export type EventType = keyof EventPayloads;

/** Event types whose payload holds nothing but the version. */
export type EmptyEventType = { [T in EventType]: keyof EventPayloads[T] extends never ? T : never }[EventType];

export type EventPayload<T extends EventType> = { readonly version: 1 } & Readonly<EventPayloads[T]>;

/**
 * One event. `elementId` is the BPMN element (the process id for instance-level events,
 * the flow id for sequence-flow-taken); `time` is the command's `now` as ISO string.
 */
export interface EngineEventOf<T extends EventType> {
  readonly type: T;
  readonly instanceId: string;
  readonly elementId: string | null;
  readonly elementInstanceId: string | null;
  readonly time: string;
  readonly payload: EventPayload<T>;
}

export type EngineEvent = { [T in EventType]: EngineEventOf<T> }[EventType];
