import type { VariableContext } from '../../ports/expression-language.js';
import type { InstanceState } from '../../state/instance-state.js';
import { toJsonValue, type JsonObject, type JsonValue } from '../../state/json-value.js';
import type { Runtime } from '../runtime.js';

const NO_VARIABLES: VariableContext = Object.freeze({});

/**
 * The variables an element instance sees: its own scope and every enclosing one, inner
 * names shadowing outer ones. With a single scope holding variables (the common case)
 * that scope's record is returned as is, without copying.
 */
export function visibleVariables(state: InstanceState, key: string): VariableContext {
  let found: Readonly<Record<string, JsonValue>> | undefined;
  let chain: Readonly<Record<string, JsonValue>>[] | undefined;
  for (let scope: string | null = key; scope !== null; scope = state.elements[scope]?.scopeKey ?? null) {
    const variables = state.variables[scope];
    if (!variables) continue;
    if (found === undefined) found = variables;
    else (chain ??= [found]).push(variables);
  }
  if (chain) return Object.assign({}, ...chain.reverse());
  return found ?? NO_VARIABLES;
}

/** Create or update a variable in exactly this scope. An unchanged primitive writes nothing. */
export function setVariable(rt: Runtime, scopeKey: string, name: string, value: JsonValue): void {
  const variables = rt.state.variables[scopeKey];
  const exists = variables !== undefined && Object.hasOwn(variables, name);
  if (exists && variables[name] === value && (value === null || typeof value !== 'object')) return;
  const elementId = rt.state.elements[scopeKey]?.elementId ?? rt.state.processKey;
  rt.emit(exists ? 'variable-updated' : 'variable-created', elementId, scopeKey, { scopeKey, name, value });
}

export function setLocalVariables(rt: Runtime, scopeKey: string, document: JsonObject): void {
  for (const name of Object.keys(document)) setVariable(rt, scopeKey, name, toJsonValue(document[name]));
}

/**
 * Camunda 8's propagation: each variable is set in the nearest scope, starting at
 * `fromKey` and walking outwards, that already has a variable of that name; if none has
 * it, it is created in the root scope.
 */
export function propagateVariables(rt: Runtime, fromKey: string, document: JsonObject): void {
  for (const name of Object.keys(document)) {
    let target = rt.state.id;
    for (let scope: string | null = fromKey; scope !== null; scope = rt.state.elements[scope]?.scopeKey ?? null) {
      const variables = rt.state.variables[scope];
      if (variables !== undefined && Object.hasOwn(variables, name)) {
        target = scope;
        break;
      }
    }
    setVariable(rt, target, name, toJsonValue(document[name]));
  }
}
