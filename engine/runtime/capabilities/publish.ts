import type { MessageEventDefinition, SignalEventDefinition } from '../../model/index.js';
import type { ElementInstance } from '../../state/instance-state.js';
import type { JsonObject, JsonValue } from '../../state/json-value.js';
import type { Runtime } from '../runtime.js';
import { evaluate, evaluateSource } from './evaluate.js';
import { raiseIncident } from './incidents.js';
import { asCorrelationKey } from './subscriptions.js';

/**
 * Messages and signals thrown inside the engine. The payload is the thrower's local
 * variables (what its input mappings made); the driver correlates or broadcasts them
 * exactly like a message or signal that arrives over the API. False: an incident was raised.
 */
export function publishMessage(rt: Runtime, instance: ElementInstance, definition: MessageEventDefinition): boolean {
  const name = evaluateSource(rt, definition.messageName, instance.key, `the message name of '${instance.elementId}'`, asName);
  if (!name.ok) return fail(rt, instance, name.message);
  let correlationKey: string | null = null;
  if (definition.correlationKey !== null) {
    const key = evaluate(rt, definition.correlationKey, instance.key);
    if (!key.ok) return fail(rt, instance, `Expected the correlation key of '${instance.elementId}' to evaluate, but: ${key.message}`);
    correlationKey = asCorrelationKey(key.value) ?? null;
    if (correlationKey === null) return fail(rt, instance, `Expected the correlation key '${definition.correlationKey.source}' of '${instance.elementId}' to be a string or number, but it is ${JSON.stringify(key.value)}`);
  }
  rt.emit('message-published', instance.elementId, instance.key, { name: name.value, correlationKey, variables: payloadOf(rt, instance) });
  return true;
}

export function broadcastSignal(rt: Runtime, instance: ElementInstance, definition: SignalEventDefinition): boolean {
  const name = evaluateSource(rt, definition.signalName, instance.key, `the signal name of '${instance.elementId}'`, asName);
  if (!name.ok) return fail(rt, instance, name.message);
  rt.emit('signal-broadcast', instance.elementId, instance.key, { name: name.value, variables: payloadOf(rt, instance) });
  return true;
}

function payloadOf(rt: Runtime, instance: ElementInstance): JsonObject {
  return { ...(rt.state.variables[instance.key] ?? {}) };
}

function fail(rt: Runtime, instance: ElementInstance, message: string): false {
  raiseIncident(rt, instance, 'MESSAGE_ERROR', message, 'activate');
  return false;
}

function asName(value: JsonValue): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
