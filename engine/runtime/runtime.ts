import type { ExecutableProcess } from '../model/index.js';
import type { DeployedProcess } from '../ports/process-lookup.js';
import type { InstanceState } from '../state/instance-state.js';
import type { EmptyEventType, EventPayloads, EventType } from './events.js';
import type { RuntimeContext } from './runtime-context.js';
import type { Step } from './steps.js';

/**
 * What behaviours and capabilities see while one command is processed: the state
 * (read-only), the model, the clock of the command, and the two ways to act: `emit` an
 * event (applied to the state at once) and `enqueue` follow-up work.
 */
export interface Runtime {
  readonly state: InstanceState;
  readonly deployed: DeployedProcess;
  readonly process: ExecutableProcess;
  readonly context: RuntimeContext;
  readonly now: Date;
  /** `now` as ISO string: every event's time. */
  readonly time: string;
  /** Write an event (applied to the state at once). Events without data may leave out the payload. */
  emit<T extends EmptyEventType>(type: T, elementId: string | null, elementInstanceId: string | null): void;
  emit<T extends EventType>(type: T, elementId: string | null, elementInstanceId: string | null, payload: EventPayloads[T]): void;
  enqueue(step: Step): void;
  /** True while a queued step would still place a token in the scope. */
  hasQueued(scopeKey: string): boolean;
  /** Forget queued tokens of the scope (it is being terminated). */
  dropQueued(scopeKey: string): void;
  nextId(): string;
}
