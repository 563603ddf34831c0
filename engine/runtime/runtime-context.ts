import type { IdGenerator } from '../ports/id-generator.js';
import type { ProcessLookup } from '../ports/process-lookup.js';

/**
 * What `processCommand` needs besides the state and the command: the deployed models and
 * the id source. (Expressions arrive compiled inside the model.)
 */
export interface RuntimeContext {
  readonly processes: ProcessLookup;
  readonly ids: IdGenerator;
}
