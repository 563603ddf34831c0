import type { JsonObject } from '../state/json-value.js';
import type { ParentLink } from '../state/instance-state.js';

/**
 * The engine's input. Every command carries `now`, the only clock the runtime reads, and
 * may carry `version` (the payload shape; 1 today).
 */
export interface CommandPayloads {
  /** Start an instance of a deployed process (a child, when `parent` is set). */
  'start-instance': {
    definitionId: string;
    /** Pre-allocated id (a call activity's child); otherwise one comes from the IdGenerator. */
    instanceId?: string;
    variables?: JsonObject;
    businessKey?: string | null;
    parent?: ParentLink | null;
    /** Start at this event start event (message, signal, timer) instead of the none start event. */
    startElementId?: string;
  };
  'complete-task': { taskKey: string; variables?: JsonObject };
  'assign-task': { taskKey: string; assignee: string | null };
  'complete-job': { jobKey: string; variables?: JsonObject };
  /** A worker failed: `retries` is how many are left; at 0 an incident is raised. */
  'fail-job': { jobKey: string; retries: number; errorMessage?: string; retryBackoffMs?: number; /** A stack trace or the worker's details, kept with the incident. */ errorDetails?: string };
  'throw-bpmn-error': { jobKey: string; errorCode: string; errorMessage?: string; variables?: JsonObject };
  /** Resolve an incident and retry what failed; a job incident gets `retries` (default: the job's configured retries). */
  'resolve-incident': { incidentKey: string; retries?: number };
  'cancel-instance': Record<never, never>;
  /**
   * Set variables from outside (e.g. to fix the data behind an incident): in the scope of
   * `elementInstanceId` (default: the instance's root); `local` sets them exactly there,
   * otherwise they propagate outwards like a task's result.
   */
  'set-variables': { variables: JsonObject; elementInstanceId?: string; local?: boolean };
  'child-instance-completed': { elementInstanceId: string; childInstanceId: string; variables: JsonObject };
  'child-instance-terminated': { elementInstanceId: string; childInstanceId: string };
  /** A called child threw an error none of its scopes caught: the call activity is where it is caught next. */
  'child-error-thrown': { elementInstanceId: string; childInstanceId: string; errorCode: string; errorMessage: string };
  /**
   * Change where the tokens are (Camunda's instance modification): activate elements
   * (in the live instance of their sub-process, or `scopeKey` when there are several),
   * terminate element instances, set root variables. Activations run first, so that a
   * scope does not complete in between.
   */
  'modify-instance': {
    activate?: readonly { readonly elementId: string; readonly scopeKey?: string; readonly variables?: JsonObject }[];
    terminate?: readonly string[];
    variables?: JsonObject;
  };
  /**
   * Move a waiting instance to another version of its process: each live element (and its
   * task, job, subscriptions) continues at the element `mappings` names, or at the element
   * with the same id.
   */
  'migrate-instance': { targetDefinitionId: string; mappings?: Readonly<Record<string, string>> };
  /** A called child's uncaught escalation arrives at its call activity (the child goes on either way). */
  'child-escalation-thrown': { elementInstanceId: string; childInstanceId: string; escalationCode: string };
  /** The event a subscription waits for happened: a timer is due, a message correlated, a signal broadcast. */
  'trigger-subscription': { subscriptionKey: string; variables?: JsonObject };
}

export type CommandType = keyof CommandPayloads;

export type CommandOf<T extends CommandType> = {
  readonly type: T;
  readonly now: Date;
  readonly version?: 1;
} & Readonly<CommandPayloads[T]>;

export type Command = { [T in CommandType]: CommandOf<T> }[CommandType];
