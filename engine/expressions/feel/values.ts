import { FeelDate, FeelDateTime, FeelDuration, FeelFunction, FeelRange, FeelTime, toFeel } from 'feelin';
import { feelinEquals } from './feelin-bridge.js';

/**
 * FEEL values as feelin represents them, and the value-level rules the compiled code
 * shares: type identification, truthiness and equality. Each mirrors feelin 8.2 so that
 * a compiled expression and `feelin.evaluate` agree on every result.
 */

export type FeelType =
  | 'nil' | 'boolean' | 'number' | 'string' | 'list' | 'context'
  | 'date' | 'time' | 'date time' | 'duration' | 'range' | 'function' | 'literal';

/** feelin's type of a runtime value ('literal' is anything FEEL has no type for). */
export function feelType(value: unknown): FeelType {
  if (value === null || value === undefined) return 'nil';
  switch (typeof value) {
    case 'boolean': return 'boolean';
    case 'number': return 'number';
    case 'string': return 'string';
    default: break;
  }
  if (Array.isArray(value)) return 'list';
  if (isContext(value)) return 'context';
  if (value instanceof FeelDate) return 'date';
  if (value instanceof FeelTime) return 'time';
  if (value instanceof FeelDateTime) return 'date time';
  if (value instanceof FeelDuration) return 'duration';
  if (value instanceof FeelRange) return 'range';
  if (value instanceof FeelFunction) return 'function';
  return 'literal';
}

/** A FEEL context is a plain object (JS class instances are not). */
export function isContext(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** Any of feelin's temporal wrappers, including durations. */
export function isTemporalValue(value: unknown): boolean {
  return value instanceof FeelDate || value instanceof FeelDateTime || value instanceof FeelTime || value instanceof FeelDuration;
}

/** `if`, filters and quantifiers treat everything but `false` and `null` as satisfied. */
export function isTruthy(value: unknown): boolean {
  return value !== false && value !== null;
}

const INSTANT_TYPES: ReadonlySet<FeelType> = new Set(['date', 'time', 'date time']);

/**
 * FEEL `=`: `null` when the operands cannot be compared, otherwise a boolean. Lists of at
 * most one element compare like their element (`[1] = 1`), as in feelin. Calendar dates
 * compare by their ISO text; other temporal values and durations go to feelin itself,
 * whose zone and calendar rules are intricate.
 */
export function feelEquals(a: unknown, b: unknown): boolean | null {
  if ((a === null) !== (b === null)) return false;
  if (Array.isArray(a) && a.length < 2) a = a[0];
  if (Array.isArray(b) && b.length < 2) b = b[0];
  const aType = feelType(a);
  const bType = feelType(b);
  if (INSTANT_TYPES.has(aType)) {
    if (!INSTANT_TYPES.has(bType)) return null;
    // two ISO-calendar dates (text `YYYY-MM-DD`) are equal exactly when their text is
    if (a instanceof FeelDate && b instanceof FeelDate && a.iso.length === 10 && b.iso.length === 10) return a.iso === b.iso;
    return feelinEquals(a, b);
  }
  if (aType !== bType) return null;
  switch (aType) {
    case 'nil':
      return true;
    case 'list': {
      const left = a as unknown[];
      const right = b as unknown[];
      if (left.length !== right.length) return false;
      // a `null` element comparison makes the whole list unequal (feelin uses `every`)
      return left.every((element, index) => feelEquals(element, right[index]) === true);
    }
    case 'duration':
      return feelinEquals(a, b);
    case 'context': {
      const left = Object.entries(a as object);
      const right = b as Record<string, unknown>;
      if (left.length !== Object.keys(right).length) return false;
      return left.every(([key, value]) => hasFeelProperty(right, key) && feelEquals(value, right[key]) === true);
    }
    case 'range': {
      const left = a as FeelRange;
      const right = b as FeelRange;
      return (
        left['start included'] === right['start included'] &&
        left['end included'] === right['end included'] &&
        feelEquals(left.start, right.start) === true &&
        feelEquals(left.end, right.end) === true
      );
    }
    default:
      // same type: primitives by value, anything else by identity
      return a === b;
  }
}

/**
 * Whether FEEL sees `name` on an object: an own property, or a getter further up the
 * prototype chain (how feelin exposes `date.year`), but nothing from Object.prototype.
 */
export function hasFeelProperty(target: object, name: string): boolean {
  if (Object.prototype.hasOwnProperty.call(target, name)) return true;
  for (let proto = Object.getPrototypeOf(target); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (descriptor) return typeof descriptor.get === 'function';
  }
  return false;
}

/**
 * feelin converts host temporal values (JS `Date`, `Temporal.*`) anywhere in the variables
 * into its own wrappers before evaluating. The compiled path reads variables in place, so
 * a value read from them goes through this: untouched unless it (or something inside it)
 * is a host temporal value, in which case it gets the same conversion feelin applies.
 * Process variables are JSON, so the deep check almost always just walks and returns.
 */
export function fromHost(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value) || isContext(value)) return containsHostValue(value) ? convertHost(value) : value;
  return toFeel(value);
}

function containsHostValue(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (containsHostValue(value[i])) return true;
    return false;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    // own enumerable keys (Object.prototype contributes none)
    for (const key in value) if (containsHostValue((value as Record<string, unknown>)[key])) return true;
    return false;
  }
  return toFeel(value) !== value;
}

/** feelin's own deep conversion: copies lists and contexts, wraps host temporals. */
function convertHost(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convertHost);
  if (isContext(value)) return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, convertHost(entry)]));
  return toFeel(value);
}

/**
 * feelin hands back fresh lists and contexts (it evaluates against a copy of the
 * variables). The compiled path may return parts of the caller's variables, so lists and
 * contexts in a result are copied: storing a result can never alias a variable.
 */
export function detach(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(detach);
  if (isContext(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) copy[key] = detach(entry);
    return copy;
  }
  return value;
}
