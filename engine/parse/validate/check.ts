import type { ModelScan } from '../model-scan.js';
import type { ParseProblem } from '../parse-problem.js';

/**
 * One validation rule over the scanned model. A check returns every problem it finds
 * (never only the first) and never throws: the parser reports all problems at once.
 */
export type Check = (scan: ModelScan) => readonly ParseProblem[];
