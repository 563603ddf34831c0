import type { CompiledExpression, ValueSource } from './value-source.js';

/**
 * Event definitions as data: what an event waits for (catch) or does (throw). A catch
 * event with a definition opens a subscription when it is reached (see
 * runtime/capabilities/subscriptions.ts); a throw event acts when it is activated.
 */
export type EventDefinition =
  | TerminateEventDefinition
  | TimerEventDefinition
  | MessageEventDefinition
  | SignalEventDefinition
  | ErrorEventDefinition
  | EscalationEventDefinition
  | ConditionalEventDefinition
  | LinkEventDefinition
  | CompensateEventDefinition
  | CancelEventDefinition;

export interface TerminateEventDefinition {
  readonly kind: 'terminate';
}

export type TimerType = 'date' | 'duration' | 'cycle';

export interface TimerEventDefinition {
  readonly kind: 'timer';
  readonly timerType: TimerType;
  /** ISO 8601 text or cron, literally or from FEEL (`=…`). */
  readonly value: ValueSource;
}

export interface MessageEventDefinition {
  readonly kind: 'message';
  readonly messageName: ValueSource;
  /** `zeebe:subscription correlationKey`: evaluated when a catch opens or a throw publishes; null matches by name alone. */
  readonly correlationKey: CompiledExpression | null;
}

export interface SignalEventDefinition {
  readonly kind: 'signal';
  readonly signalName: ValueSource;
}

export interface ErrorEventDefinition {
  readonly kind: 'error';
  /** The code thrown, or caught (null on a catch: every error). */
  readonly errorCode: string | null;
  /** A catch may store the caught code and message in variables (`ff:errorCodeVariable`, `ff:errorMessageVariable`). */
  readonly errorCodeVariable: string | null;
  readonly errorMessageVariable: string | null;
}

export interface EscalationEventDefinition {
  readonly kind: 'escalation';
  /** Null on a catch: every escalation. */
  readonly escalationCode: string | null;
  readonly escalationCodeVariable: string | null;
}

export interface ConditionalEventDefinition {
  readonly kind: 'conditional';
  readonly condition: CompiledExpression;
}

export interface LinkEventDefinition {
  readonly kind: 'link';
  readonly linkName: string;
}

export interface CompensateEventDefinition {
  readonly kind: 'compensate';
  /** Compensate one activity (by id) or, when null, every completed activity of the scope. */
  readonly activityRef: string | null;
}

export interface CancelEventDefinition {
  readonly kind: 'cancel';
}

export type EventDefinitionKind = EventDefinition['kind'];

/** Definitions a catch event waits for in a subscription (errors, escalations and compensation are caught by lookup instead). */
export type SubscribableDefinition = TimerEventDefinition | MessageEventDefinition | SignalEventDefinition | ConditionalEventDefinition;

export function isSubscribable(definition: EventDefinition | null): definition is SubscribableDefinition {
  return definition !== null && (definition.kind === 'timer' || definition.kind === 'message' || definition.kind === 'signal' || definition.kind === 'conditional');
}
