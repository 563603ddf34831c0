/**
 * The engine's error catalog: every rejection the engine returns carries one of these
 * stable codes. `kind` tells the server which HTTP family fits (not-found → 404,
 * conflict → 409, invalid → 400). Documented in engine/errors/README.md; a test keeps
 * the two in step.
 */
export const ENGINE_ERRORS = {
  ENG_ERR_DEPLOYMENT_INVALID: { kind: 'invalid', description: 'The BPMN resource has problems; see `problems`.' },
  ENG_ERR_PROCESS_NOT_FOUND: { kind: 'not-found', description: 'No deployed process has this key or definition id.' },
  ENG_ERR_INSTANCE_NOT_FOUND: { kind: 'not-found', description: 'No process instance has this id (or no state was given).' },
  ENG_ERR_INSTANCE_EXISTS: { kind: 'conflict', description: 'A start command was given the state of an existing instance.' },
  ENG_ERR_INSTANCE_NOT_ACTIVE: { kind: 'conflict', description: 'The instance has completed or was terminated.' },
  ENG_ERR_TASK_NOT_FOUND: { kind: 'not-found', description: 'The instance has no open user task with this key.' },
  ENG_ERR_TASK_ALREADY_COMPLETED: { kind: 'conflict', description: 'The user task was completed before.' },
  ENG_ERR_JOB_NOT_FOUND: { kind: 'not-found', description: 'The instance has no open job with this key.' },
  ENG_ERR_JOB_NOT_ACTIVATABLE: { kind: 'conflict', description: 'The job waits for an incident to be resolved.' },
  ENG_ERR_JOB_LOCK_EXPIRED: { kind: 'conflict', description: "The worker's lock on the job expired or was released; fetch and lock it again." },
  ENG_ERR_JOB_LOCKED_BY_OTHER: { kind: 'conflict', description: 'Another worker holds (or last took) the lock on the job.' },
  ENG_ERR_INCIDENT_NOT_FOUND: { kind: 'not-found', description: 'The instance has no open incident with this key.' },
  ENG_ERR_ELEMENT_INSTANCE_NOT_FOUND: { kind: 'not-found', description: 'The instance has no live element instance with this key.' },
  ENG_ERR_CHILD_INSTANCE_MISMATCH: { kind: 'conflict', description: 'The call activity waits for a different child instance.' },
  ENG_ERR_INVALID_VARIABLES: { kind: 'invalid', description: 'Variables must be a JSON object.' },
  ENG_ERR_SUBSCRIPTION_NOT_FOUND: { kind: 'not-found', description: 'The instance no longer waits for this event (the subscription was closed or triggered).' },
  ENG_ERR_START_EVENT_NOT_FOUND: { kind: 'invalid', description: 'The process has no none start event, or the named start event is not one of its event starts.' },
  ENG_ERR_INVALID_COMMAND: { kind: 'invalid', description: 'The command is malformed (unknown type, bad field).' },
} as const satisfies Record<string, { kind: 'not-found' | 'conflict' | 'invalid'; description: string }>;

export type EngineErrorCode = keyof typeof ENGINE_ERRORS;

/** A refused command or call: returned, never thrown. */
export interface Rejection {
  readonly ok: false;
  readonly code: EngineErrorCode;
  readonly message: string;
}

export function reject(code: EngineErrorCode, message: string): Rejection {
  return { ok: false, code, message };
}
