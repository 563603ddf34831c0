import type { ActivityElement, ExecutableElement } from '../../model/index.js';
import { isActivity } from '../../model/index.js';
import type { ElementInstance, InstanceState } from '../../state/instance-state.js';
import type { Runtime } from '../runtime.js';
import { raiseIncident } from './incidents.js';
import { finishElement } from './lifecycle.js';
import { activateMultiInstanceBody, continueMultiInstance, multiInstanceIterationEnding } from './multi-instance.js';
import type { Outcome } from './outcome.js';
import { selectOutgoingFlows } from './outgoing-flows.js';
import { activateStandardLoopBody, continueStandardLoop, standardLoopIterationEnding } from './standard-loop.js';
import { propagateVariables } from './variables.js';

/**
 * Loop bodies: an activity with loop characteristics runs as a body element instance
 * whose children are the iterations (each an ordinary instance of the activity with a
 * loopCounter). The body takes the activity's outgoing flows once, when the loop is done.
 * Multi-instance and standard loops differ only in when to start and stop iterations.
 */

export function activateLoopBody(rt: Runtime, element: ExecutableElement, body: ElementInstance): void {
  const loop = isActivity(element) ? element.loop : null;
  if (!isActivity(element) || !loop) return;
  if (loop.kind === 'multi-instance') activateMultiInstanceBody(rt, element, loop, body);
  else activateStandardLoopBody(rt, element, loop, body);
}

/** The body an iteration runs in; null for an instance outside any loop. */
export function enclosingBody(state: InstanceState, instance: ElementInstance): ElementInstance | null {
  if (instance.loopCounter === undefined || instance.scopeKey === null) return null;
  const scope = state.elements[instance.scopeKey];
  return scope && (scope.kind === 'multi-instance-body' || scope.kind === 'loop-body') ? scope : null;
}

/** While an iteration completes (its variables still visible): collect its output, decide whether the loop is done. */
export function iterationEnding(rt: Runtime, element: ActivityElement, iteration: ElementInstance, body: ElementInstance): Outcome<boolean> {
  const loop = element.loop!;
  return loop.kind === 'multi-instance'
    ? multiInstanceIterationEnding(rt, loop, iteration, body)
    : standardLoopIterationEnding(rt, loop, iteration);
}

/** After an iteration completed: start the next one or complete the body. */
export function continueLoop(rt: Runtime, element: ActivityElement, body: ElementInstance, iteration: ElementInstance, done: boolean): void {
  const loop = element.loop!;
  if (loop.kind === 'multi-instance') continueMultiInstance(rt, element, loop, body, done);
  else continueStandardLoop(rt, element, body, iteration, done);
}

/** The loop is done: hand the output collection to the flow scope and take the activity's outgoing flows. */
export function completeLoopBody(rt: Runtime, element: ExecutableElement, body: ElementInstance): void {
  if (body.lifecycle !== 'completing') rt.emit('element-completing', element.id, body.key);
  const loop = isActivity(element) ? element.loop : null;
  if (loop?.kind === 'multi-instance' && loop.outputCollection) {
    const collection = rt.state.variables[body.key]?.[loop.outputCollection] ?? [];
    propagateVariables(rt, body.scopeKey!, { [loop.outputCollection]: collection });
  }
  const flows = selectOutgoingFlows(rt, element, body);
  if (!flows.ok) return raiseIncident(rt, body, 'CONDITION_ERROR', flows.message, 'complete');
  finishElement(rt, element, body, flows.value);
}
