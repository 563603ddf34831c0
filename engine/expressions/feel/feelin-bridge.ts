import { FeelDate, FeelFunction, evaluate, toFeel, type FeelDateTime } from 'feelin';

/**
 * Everything the compiled code takes from feelin itself, through its public API only.
 *
 * feelin has no API to evaluate a pre-parsed tree, but a FEEL function value is exactly
 * that: `evaluate('function(a, b) a + b')` parses once and returns a FeelFunction whose
 * `invoke` runs feelin's interpreter on the already-built tree. The compiled code uses such
 * functions for the few operations whose rules live deep inside feelin (arithmetic and
 * equality on dates, times and durations), so those agree with feelin by construction.
 */

const functionCache = new Map<string, FeelFunction>();

/** A FEEL function value parsed once from `source` (which must be a function literal). */
export function feelinFunction(source: string): FeelFunction {
  let fn = functionCache.get(source);
  if (!fn) {
    const value = evaluate(source, {}).value;
    if (!(value instanceof FeelFunction)) throw new Error(`Expected '${source}' to define a FEEL function`);
    fn = value;
    functionCache.set(source, fn);
  }
  return fn;
}

/** feelin's `=` (used for temporal values and durations). */
export function feelinEquals(a: unknown, b: unknown): boolean | null {
  return feelinFunction('function(a, b) a = b').invoke([a, b]) as boolean | null;
}

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '**';

/** feelin's arithmetic (used when an operand is a temporal value or duration). */
export function feelinArithmetic(operator: ArithmeticOperator, a: unknown, b: unknown): unknown {
  return feelinFunction(`function(a, b) a ${operator} b`).invoke([a, b]);
}

/**
 * The names feelin 8.2 defines as built-in functions. A call to any other name is a call
 * to a function the variables would have to provide.
 */
export const BUILTIN_NAMES: ReadonlySet<string> = new Set([
  'number', 'string', 'date', 'date and time', 'time', 'duration', 'years and months duration', '@',
  'now', 'today', 'not', 'substring', 'string length', 'upper case', 'lower case', 'substring before',
  'substring after', 'replace', 'contains', 'matches', 'starts with', 'ends with', 'split', 'string join',
  'list contains', 'list replace', 'count', 'min', 'max', 'sum', 'mean', 'all', 'any', 'sublist', 'append',
  'concatenate', 'insert before', 'remove', 'reverse', 'index of', 'union', 'distinct values', 'flatten',
  'product', 'median', 'stddev', 'mode', 'decimal', 'floor', 'ceiling', 'abs', 'round up', 'round down',
  'round half up', 'round half down', 'modulo', 'sqrt', 'log', 'exp', 'odd', 'even', 'is', 'before', 'after',
  'meets', 'met by', 'overlaps', 'overlaps before', 'overlaps after', 'finishes', 'finished by', 'includes',
  'during', 'starts', 'started by', 'coincides', 'day of year', 'day of week', 'month of year', 'week of year',
  'sort', 'get value', 'get entries', 'context', 'context merge', 'context put',
]);

const builtinCache = new Map<string, FeelFunction | null>();

/**
 * feelin's implementation of a built-in, wrapped as feelin wraps it for a call. Resolved
 * by evaluating the bare name (feelin answers a missing variable with the built-in of that
 * name). `null` when the name is not reachable that way (e.g. `date and time`, which only
 * exists as a literal constructor).
 */
export function builtinFunction(name: string): FeelFunction | null {
  if (!builtinCache.has(name)) {
    let fn: FeelFunction | null = null;
    if (BUILTIN_NAMES.has(name)) {
      try {
        const value = evaluate(name, {}).value as ((...args: unknown[]) => unknown) & { $args?: string[] };
        if (typeof value === 'function' && Array.isArray(value.$args)) fn = new FeelFunction(value, value.$args);
      } catch {
        fn = null;
      }
    }
    builtinCache.set(name, fn);
  }
  return builtinCache.get(name) ?? null;
}

/**
 * feelin's signal for a failed invocation (wrong arguments); feelin turns it into `null`.
 * Its class is not exported, so take it from a call that is known to fail.
 */
const InvocationFailure = (new FeelFunction(() => null, []).invoke([1]) as object).constructor;

export function isInvocationFailure(value: unknown): boolean {
  return value instanceof InvocationFailure;
}

/**
 * FEEL `now()` at the time of the engine command: a UTC date and time (the same value
 * feelin makes of a JS Date). UTC rather than the host zone keeps results identical
 * across machines. Memoised: many evaluations share one command time.
 */
let lastNow: { readonly time: number; readonly value: FeelDateTime; today?: FeelDate } | null = null;

export function feelNow(now: Date): FeelDateTime {
  const time = now.getTime();
  if (lastNow?.time !== time) lastNow = { time, value: toFeel(new Date(time)) as FeelDateTime };
  return lastNow.value;
}

/** FEEL `today()`: the UTC calendar date of the engine command's time. */
export function feelToday(now: Date): FeelDate {
  const dateTime = feelNow(now);
  const memo = lastNow!;
  if (!memo.today) memo.today = new FeelDate(dateTime.unwrap().toPlainDate());
  return memo.today;
}
