import { parseIsoDateTime } from './iso-date-time.js';
import { addDuration, fixedMilliseconds, isZeroDuration, parseIsoDuration, type IsoDuration } from './iso-duration.js';

/**
 * ISO 8601 repeating intervals as BPMN `timeCycle` gives them, and their occurrences.
 *
 * - `R5/PT10M`: 5 occurrences, the first one interval after the timer starts.
 * - `R/PT1H`: the same, forever.
 * - `R3/2026-12-01T09:00:00Z/P1D`: the first occurrence at the start, then one per interval.
 * - `R2/PT1H/2026-12-01T09:00:00Z`: as `R2/PT1H`, but no occurrence after the end
 *   (Camunda 7's reading; ISO's own "interval ending at" has no sensible timer meaning).
 * - `R0/…`: parses, but never fires.
 * `start/end` without a duration is refused: it says how long one interval is, not how
 * often to fire. Occurrences follow the cycle's rhythm (each one interval after the one
 * before), so P1M from 31 January goes to 28 February and then 28 March.
 */
export interface RepeatingInterval {
  /** How many occurrences in all; null for `R/…` (unbounded). */
  readonly repetitions: number | null;
  readonly interval: IsoDuration;
  /** The first occurrence; absent: one interval after the timer starts. */
  readonly start?: Date;
  /** No occurrence falls after this instant. */
  readonly end?: Date;
}

/** One occurrence and how many follow it (null: unbounded). */
export interface Occurrence {
  readonly at: Date;
  readonly remaining: number | null;
}

export type RepeatingIntervalParse = { readonly ok: true; readonly value: RepeatingInterval } | { readonly ok: false; readonly message: string };

const EXAMPLES = "'R5/PT10M', 'R/2026-12-01T09:00:00Z/P1D' or 'R2/PT1H/2026-12-01T18:00:00Z'";
/** Skipping occurrences of a month-based interval one by one: enough for ten thousand years. */
const MAX_STEPS = 200_000;

export function parseRepeatingInterval(text: string): RepeatingIntervalParse {
  const parts = splitOutsideBrackets(text);
  const count = /^R(\d*)$/i.exec(parts[0] ?? '');
  if (!count || parts.length < 2 || parts.length > 3) return fail(`Expected an ISO 8601 repeating interval like ${EXAMPLES}, but got '${text}'`);
  const repetitions = count[1] === '' ? null : Number(count[1]);
  if (repetitions !== null && !Number.isSafeInteger(repetitions)) return fail(`Expected a repetition count of a sensible size, but got '${text}'`);

  const [first, second] = [parts[1]!, parts[2]];
  const firstIsDuration = /^-?P/i.test(first);
  if (second === undefined && !firstIsDuration) return fail(`Expected a duration after the repetitions, like 'R5/PT10M', but got '${text}'`);
  if (second !== undefined && !firstIsDuration && !/^-?P/i.test(second)) {
    return fail(`Expected a repeating interval with a duration, like ${EXAMPLES}, but got '${text}' (start and end only)`);
  }
  const durationText = firstIsDuration ? first : second!;
  const dateText = firstIsDuration ? second : first;

  const interval = parseIsoDuration(durationText);
  if (!interval.ok) return fail(`${interval.message} (in the timer cycle '${text}')`);
  if (isZeroDuration(interval.value)) return fail(`Expected a repeating interval with a duration longer than zero, but got '${text}'`);
  if (dateText === undefined) return { ok: true, value: { repetitions, interval: interval.value } };
  const date = parseIsoDateTime(dateText);
  if (!date.ok) return fail(`${date.message} (in the timer cycle '${text}')`);
  const value = firstIsDuration ? { repetitions, interval: interval.value, end: date.value } : { repetitions, interval: interval.value, start: date.value };
  return { ok: true, value };
}

/** The first occurrence at or after `now`, or undefined when there is none (R0, or all before now or after the end). */
export function firstOccurrence(cycle: RepeatingInterval, now: Date): Occurrence | undefined {
  if (cycle.repetitions === 0) return undefined;
  const remaining = cycle.repetitions === null ? null : cycle.repetitions - 1;
  if (cycle.start) return catchUp(cycle, { at: cycle.start, remaining }, now);
  return catchUp(cycle, { at: addDuration(now, cycle.interval), remaining }, now);
}

/** The occurrence after `previous`, skipping those before `now`; undefined when the cycle is used up. */
export function nextOccurrence(cycle: RepeatingInterval, previous: Occurrence, now: Date): Occurrence | undefined {
  if (previous.remaining === 0) return undefined;
  const remaining = previous.remaining === null ? null : previous.remaining - 1;
  return catchUp(cycle, { at: addDuration(previous.at, cycle.interval), remaining }, now);
}

// helpers //////

function fail(message: string): RepeatingIntervalParse {
  return { ok: false, message };
}

/** Splits on '/' except inside a zone id such as '[America/New_York]'. */
function splitOutsideBrackets(text: string): string[] {
  const parts = [''];
  let depth = 0;
  for (const char of text) {
    if (char === '[') depth++;
    if (char === ']') depth--;
    if (char === '/' && depth === 0) parts.push('');
    else parts[parts.length - 1] += char;
  }
  return parts;
}

/**
 * Moves a candidate forward past `now`, each skipped occurrence using up one repetition,
 * so that a timer coming back from downtime fires once rather than in a burst. Then
 * applies the end: the candidate must not be after it, and `remaining` counts only the
 * occurrences that still fit before it.
 */
function catchUp(cycle: RepeatingInterval, candidate: Occurrence, now: Date): Occurrence | undefined {
  let { at, remaining } = candidate;
  const fixed = fixedMilliseconds(cycle.interval);
  if (at < now && fixed !== undefined) {
    // An interval of fixed length lets us jump instead of step; start dates far back stay cheap.
    const skips = Math.ceil((now.getTime() - at.getTime()) / fixed);
    if (remaining !== null && skips > remaining) return undefined;
    at = new Date(at.getTime() + skips * fixed);
    remaining = remaining === null ? null : remaining - skips;
  }
  for (let steps = 0; at < now; steps++) {
    if (remaining === 0 || steps > MAX_STEPS) return undefined;
    at = addDuration(at, cycle.interval);
    remaining = remaining === null ? null : remaining - 1;
  }
  if (Number.isNaN(at.getTime())) return undefined;
  if (!cycle.end) return { at, remaining };
  if (at > cycle.end) return undefined;
  return { at, remaining: countUntilEnd(cycle, at, remaining, cycle.end) };
}

/** How many occurrences after `at` still fit before `end`, at most `remaining`. */
function countUntilEnd(cycle: RepeatingInterval, at: Date, remaining: number | null, end: Date): number {
  const fixed = fixedMilliseconds(cycle.interval);
  const fit = fixed !== undefined ? Math.floor((end.getTime() - at.getTime()) / fixed) : countSteps(cycle.interval, at, end, remaining ?? MAX_STEPS);
  return remaining === null ? fit : Math.min(fit, remaining);
}

function countSteps(interval: IsoDuration, from: Date, end: Date, limit: number): number {
  let count = 0;
  for (let at = addDuration(from, interval); at <= end && count < limit; at = addDuration(at, interval)) count++;
  return count;
}
