/**
 * A business error thrown by a job handler: it carries a BPMN error code that an error
 * boundary event or error event sub-process catches (with the error's variables); an
 * uncaught one raises an incident. A technical failure is any other exception: it uses
 * up a retry.
 */
export class BpmnError extends Error {
  constructor(
    readonly code: string,
    message: string = `BPMN error '${code}'`,
    readonly variables: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'BpmnError';
  }
}

export function isBpmnError(error: unknown): error is BpmnError {
  return error instanceof BpmnError || (error instanceof Error && error.name === 'BpmnError' && typeof (error as { code?: unknown }).code === 'string');
}
