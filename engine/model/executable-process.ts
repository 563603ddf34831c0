import type { ExecutableElement } from './elements.js';
import type { ExecutableSequenceFlow } from './sequence-flow.js';

/**
 * One executable `bpmn:process`, frozen after parsing. `key` is the BPMN process id;
 * versions and definition ids are given by whoever deploys it.
 */
export interface ExecutableProcess {
  readonly kind: 'process';
  readonly key: string;
  readonly name: string | null;
  readonly versionTag: string | null;
  /** The process-level none start event; null when the process starts by events only. */
  readonly startEventId: string | null;
  /** Process-level start events with a timer, message or signal: started by their trigger. */
  readonly eventStartIds: readonly string[];
  /** Scope (process key or sub-process id) → the start events of its event sub-processes. */
  readonly eventSubProcessStarts: Readonly<Record<string, readonly string[]>>;
  /** Activity id → the boundary events attached to it, in document order. */
  readonly boundaryEvents: Readonly<Record<string, readonly string[]>>;
  /** Link throw event id → the link catch event of the same name in its scope. */
  readonly linkTargets: Readonly<Record<string, string>>;
  /** Activity id → its compensation handler (associated with its compensation boundary event). */
  readonly compensationHandlers: Readonly<Record<string, string>>;
  readonly elements: Readonly<Record<string, ExecutableElement>>;
  readonly flows: Readonly<Record<string, ExecutableSequenceFlow>>;
}

/** Every executable process of one BPMN XML resource, by process key, in document order. */
export interface ExecutableDefinitions {
  readonly kind: 'definitions';
  readonly id: string | null;
  readonly processes: Readonly<Record<string, ExecutableProcess>>;
  readonly processKeys: readonly string[];
}
