import type { ExecutableDefinitions } from '../model/index.js';

/**
 * One reason a model cannot be deployed. `elementId` names the BPMN element (null when
 * the problem concerns the document as a whole); `message` reads "Expected …, but …".
 */
export interface ParseProblem {
  readonly elementId: string | null;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly definitions: ExecutableDefinitions }
  | { readonly ok: false; readonly problems: readonly ParseProblem[] };

export function problem(elementId: string | null | undefined, message: string): ParseProblem {
  return { elementId: elementId ?? null, message };
}
