import type { CompiledExpression, ValueSource } from '../../model/index.js';
import { toJsonValue, type JsonValue } from '../../state/json-value.js';
import type { Runtime } from '../runtime.js';
import { failure, success, type Outcome } from './outcome.js';
import { visibleVariables } from './variables.js';

/** Evaluate in the context of an element instance (plus `extra` names, e.g. multi-instance counters). */
export function evaluate(rt: Runtime, expression: CompiledExpression, key: string, extra?: Readonly<Record<string, JsonValue>>): Outcome<JsonValue> {
  const visible = visibleVariables(rt.state, key);
  const variables = extra ? { ...visible, ...extra } : visible;
  try {
    const result = expression.evaluate(variables, rt.now);
    return result.ok ? success(toJsonValue(result.value)) : failure(result.message);
  } catch (error) {
    return failure(`Expected '${expression.source}' to evaluate, but it threw: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A condition: true or false; null (e.g. a missing variable) counts as false; anything else fails. */
export function evaluateCondition(
  rt: Runtime,
  expression: CompiledExpression,
  key: string,
  what: string,
  extra?: Readonly<Record<string, JsonValue>>,
): Outcome<boolean> {
  const result = evaluate(rt, expression, key, extra);
  if (!result.ok) return result;
  if (result.value === null) return success(false);
  if (typeof result.value === 'boolean') return success(result.value);
  return failure(`Expected ${what} '${expression.source}' to be a boolean, but it is ${JSON.stringify(result.value)}`);
}

/** A literal or `=expression` attribute, converted by `convert` (undefined: the value does not fit). */
export function evaluateSource<T>(
  rt: Runtime,
  source: ValueSource<T>,
  key: string,
  what: string,
  convert: (value: JsonValue) => T | undefined,
): Outcome<T> {
  if (source.kind === 'static') return success(source.value);
  const result = evaluate(rt, source.expression, key);
  if (!result.ok) return result;
  const value = convert(result.value);
  if (value === undefined) return failure(`Expected ${what} '${source.expression.source}' to give a valid value, but it gave ${JSON.stringify(result.value)}`);
  return success(value);
}
