import type { IoMapping, VariableMapping } from '../../model/index.js';

/** Any element that may carry `zeebe:ioMapping` (activities and events). */
export interface MappedElement {
  readonly id: string;
  readonly io: IoMapping | null;
}

export function ioOf(element: object): IoMapping | null {
  return 'io' in element ? ((element as MappedElement).io ?? null) : null;
}
import type { ElementInstance } from '../../state/instance-state.js';
import type { JsonValue } from '../../state/json-value.js';
import type { Runtime } from '../runtime.js';
import { evaluate } from './evaluate.js';
import { DONE, failure, type Outcome } from './outcome.js';
import { propagateVariables, setVariable, visibleVariables } from './variables.js';

/**
 * Input mappings: each creates a local variable of the element instance, in order (a
 * later input sees the earlier ones).
 */
export function applyInputMappings(rt: Runtime, element: MappedElement, instance: ElementInstance): Outcome<void> {
  for (const mapping of element.io?.inputs ?? []) {
    const result = evaluate(rt, mapping.source, instance.key);
    if (!result.ok) return failure(`Expected input mapping '${mapping.target}' of '${element.id}' to evaluate, but: ${result.message}`);
    const current = rt.state.variables[instance.key]?.[mapping.targetPath[0]!];
    setVariable(rt, instance.key, mapping.targetPath[0]!, nest(current, mapping, result.value));
  }
  return DONE;
}

/**
 * Output mappings: all are evaluated in the element's context first (a failure changes
 * nothing), then set in the flow scope with propagation.
 */
export function applyOutputMappings(rt: Runtime, element: MappedElement, instance: ElementInstance): Outcome<void> {
  const outputs = element.io?.outputs ?? [];
  const values: JsonValue[] = [];
  for (const mapping of outputs) {
    const result = evaluate(rt, mapping.source, instance.key);
    if (!result.ok) return failure(`Expected output mapping '${mapping.target}' of '${element.id}' to evaluate, but: ${result.message}`);
    values.push(result.value);
  }
  const scopeKey = instance.scopeKey ?? rt.state.id;
  outputs.forEach((mapping, index) => {
    const name = mapping.targetPath[0]!;
    const current = mapping.targetPath.length > 1 ? visibleVariables(rt.state, scopeKey)[name] : undefined;
    propagateVariables(rt, scopeKey, { [name]: nest(current, mapping, values[index]!) });
  });
  return DONE;
}

/** For a dotted target (`customer.name`), merge the value into the existing context of the first segment. */
function nest(current: unknown, mapping: VariableMapping, value: JsonValue): JsonValue {
  if (mapping.targetPath.length === 1) return value;
  return setPath(current, mapping.targetPath.slice(1), value);
}

function setPath(current: unknown, path: readonly string[], value: JsonValue): JsonValue {
  if (path.length === 0) return value;
  const base = typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Record<string, JsonValue>) : {};
  const [head, ...rest] = path as [string, ...string[]];
  return { ...base, [head]: setPath(base[head], rest, value) };
}
