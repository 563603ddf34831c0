/**
 * What a job worker gets and gives back. A handler runs outside the pure core (it may do
 * I/O); its outcome becomes a command: complete-job, fail-job (any thrown error), or
 * throw-bpmn-error (a thrown `BpmnError`).
 */
export interface JobContext {
  readonly key: string;
  readonly type: string;
  /** Retries left including this attempt. */
  readonly retries: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Every variable the job's element sees. */
  readonly variables: Readonly<Record<string, unknown>>;
  readonly instanceId: string;
  readonly processKey: string;
  readonly definitionId: string;
  readonly businessKey: string | null;
  readonly elementId: string;
  readonly elementInstanceKey: string;
}

export interface JobHandlerResult {
  readonly variables?: Readonly<Record<string, unknown>>;
}

export type JobHandler = (job: JobContext) => Promise<JobHandlerResult | void> | JobHandlerResult | void;
