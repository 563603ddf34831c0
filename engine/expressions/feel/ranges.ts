import { FeelRange } from 'feelin';
import { feelType, type FeelType } from './values.js';

/**
 * FEEL ranges (`[1..5]`, and the half-open ranges behind `<`, `>=`, …). Membership is
 * feelin's own `FeelRange#includes`; only construction is done here because feelin does
 * not export its range factory. Construction infers the element type from the bounds and
 * rejects bounds FEEL cannot order, with feelin's error, so `1 < true` fails as in feelin.
 */

const RANGE_TYPES: ReadonlySet<FeelType> = new Set(['string', 'number', 'duration', 'time', 'date time', 'date']);

export function createRange(start: unknown, end: unknown, startIncluded = true, endIncluded = true): FeelRange {
  const startType = start === null ? null : feelType(start);
  const endType = end === null ? null : feelType(end);
  const type = startType ?? endType;
  const valueType =
    type !== null && RANGE_TYPES.has(type) && (startType === null || startType === type) && (endType === null || endType === type)
      ? type
      : null;
  if (valueType === null && !(start === null && end === null)) {
    throw new Error(`unsupported range: ${String(start)}..${String(end)}`);
  }
  return new FeelRange({ start, end, 'start included': startIncluded, 'end included': endIncluded, valueType });
}
