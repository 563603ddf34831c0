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
  /** The process-level none start event. */
  readonly startEventId: string;
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
