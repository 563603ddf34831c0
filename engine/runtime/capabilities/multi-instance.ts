import type { ActivityElement, MultiInstanceLoop } from '../../model/index.js';
import type { ElementInstance } from '../../state/instance-state.js';
import type { JsonObject, JsonValue } from '../../state/json-value.js';
import type { Runtime } from '../runtime.js';
import { evaluate, evaluateCondition } from './evaluate.js';
import { raiseIncident } from './incidents.js';
import { markActivated, terminateElement } from './lifecycle.js';
import { failure, success, type Outcome } from './outcome.js';
import { hasLiveChildren, liveChildren } from './scope.js';
import { setVariable } from './variables.js';

/**
 * Multi-instance (Camunda 8): one inner instance per item of the input collection, all
 * at once (parallel) or one after another (sequential). Each gets the local variables
 * `loopCounter` (1-based) and the input element; the output element of each lands at
 * its index of the output collection, a local of the body until the body completes.
 */
export function activateMultiInstanceBody(rt: Runtime, element: ActivityElement, loop: MultiInstanceLoop, body: ElementInstance): void {
  const items = inputItems(rt, loop, body);
  if (!items.ok) return raiseIncident(rt, body, 'EXPRESSION_ERROR', items.message, 'activate');
  const total = items.value.length;
  if (loop.outputCollection) setVariable(rt, body.key, loop.outputCollection, items.value.map(() => null));
  rt.emit('loop-body-prepared', element.id, body.key, { total, items: loop.isSequential ? items.value : null });
  markActivated(rt, body);
  if (total === 0) return rt.enqueue({ type: 'complete', key: body.key });
  const count = loop.isSequential ? 1 : total;
  for (let counter = 1; counter <= count; counter++) {
    rt.enqueue({ type: 'activate', scopeKey: body.key, elementId: element.id, loopCounter: counter, locals: locals(loop, items.value[counter - 1] ?? null, counter) });
  }
}

export function multiInstanceIterationEnding(rt: Runtime, loop: MultiInstanceLoop, iteration: ElementInstance, body: ElementInstance): Outcome<boolean> {
  if (loop.outputElement && loop.outputCollection) {
    const output = evaluate(rt, loop.outputElement, iteration.key);
    if (!output.ok) return failure(`Expected the output element '${loop.outputElement.source}' to evaluate, but: ${output.message}`);
    const current = rt.state.variables[body.key]?.[loop.outputCollection];
    const collection = Array.isArray(current) ? [...(current as JsonValue[])] : [];
    collection[iteration.loopCounter! - 1] = output.value;
    setVariable(rt, body.key, loop.outputCollection, collection);
  }
  if (!loop.completionCondition) return success(false);
  const counts = body.body!;
  const active = liveChildren(rt.state, body.key).length - 1;
  return evaluateCondition(rt, loop.completionCondition, iteration.key, 'the completion condition', {
    numberOfInstances: counts.total,
    numberOfActiveInstances: active,
    numberOfCompletedInstances: counts.completed + 1,
    numberOfTerminatedInstances: counts.terminated,
    loopCounter: iteration.loopCounter!,
  });
}

/** After an inner instance completed: a met completion condition ends the others; otherwise wait, or start the next. */
export function continueMultiInstance(rt: Runtime, element: ActivityElement, loop: MultiInstanceLoop, body: ElementInstance, done: boolean): void {
  if (done) {
    for (const inner of liveChildren(rt.state, body.key)) terminateElement(rt, inner);
    rt.dropQueued(body.key);
    return rt.enqueue({ type: 'complete', key: body.key });
  }
  const counts = body.body!;
  if (loop.isSequential) {
    const next = counts.nextCounter;
    if (next > counts.total) return rt.enqueue({ type: 'complete', key: body.key });
    rt.enqueue({ type: 'activate', scopeKey: body.key, elementId: element.id, loopCounter: next, locals: locals(loop, counts.items?.[next - 1] ?? null, next) });
    return;
  }
  if (!hasLiveChildren(rt.state, body.key) && !rt.hasQueued(body.key)) rt.enqueue({ type: 'complete', key: body.key });
}

function inputItems(rt: Runtime, loop: MultiInstanceLoop, body: ElementInstance): Outcome<readonly JsonValue[]> {
  if (loop.inputCollection) {
    const collection = evaluate(rt, loop.inputCollection, body.key);
    if (!collection.ok) return collection;
    if (Array.isArray(collection.value)) return success(collection.value as readonly JsonValue[]);
    return failure(`Expected the input collection '${loop.inputCollection.source}' to be a list, but it is ${JSON.stringify(collection.value)}`);
  }
  const cardinality = loop.loopCardinality ? evaluate(rt, loop.loopCardinality, body.key) : success<JsonValue>(0);
  if (!cardinality.ok) return cardinality;
  const count = cardinality.value;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    return failure(`Expected the loop cardinality to be a whole number of at least 0, but it is ${JSON.stringify(count)}`);
  }
  return success(Array.from({ length: count }, (_, index) => index + 1));
}

function locals(loop: MultiInstanceLoop, item: JsonValue, counter: number): JsonObject {
  return loop.inputElement ? { [loop.inputElement]: item, loopCounter: counter } : { loopCounter: counter };
}
