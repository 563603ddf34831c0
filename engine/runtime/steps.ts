import type { JsonObject } from '../state/json-value.js';

/**
 * Follow-up work inside one command, processed first-in first-out until none is left
 * (then waiting inclusive joins are re-examined). Steps never outlive the command: at
 * rest, every token is an element instance or a join token in the state.
 */
export type Step =
  /** A token taken over `flowId` arrives at the flow's target. */
  | { readonly type: 'arrive'; readonly scopeKey: string; readonly flowId: string }
  /** Activate an element without a flow: a scope's start event or a loop iteration. */
  | {
      readonly type: 'activate';
      readonly scopeKey: string;
      readonly elementId: string;
      readonly loopCounter?: number;
      readonly locals?: JsonObject;
    }
  /** Run the activation of an existing element instance again (incident resolved). */
  | { readonly type: 'resume'; readonly key: string }
  /** Complete an existing element instance (a scope whose tokens are all gone, a retried completion). */
  | { readonly type: 'complete'; readonly key: string };
