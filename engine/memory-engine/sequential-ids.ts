import type { IdGenerator } from '../ports/id-generator.js';

/** Ids `1`, `2`, … (with an optional prefix): deterministic, for tests and the in-memory engine. */
export function sequentialIds(prefix = ''): IdGenerator {
  let next = 0;
  return { next: () => `${prefix}${++next}` };
}
