/**
 * Event definitions as data. Only `terminate` runs today; the next issue adds timer,
 * message, signal, error, escalation and compensation definitions to this union, and a
 * behaviour reads them instead of the parser rejecting them.
 */
export type EventDefinition = TerminateEventDefinition;

export interface TerminateEventDefinition {
  readonly kind: 'terminate';
}
