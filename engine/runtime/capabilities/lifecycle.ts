import { isActivity, type ExecutableElement, type ExecutableSequenceFlow } from '../../model/index.js';
import type { ElementInstance } from '../../state/instance-state.js';
import type { JsonObject } from '../../state/json-value.js';
import { behaviorOf } from '../behaviors/index.js';
import type { Runtime } from '../runtime.js';
import { raiseIncident, resolveIncidentsOf } from './incidents.js';
import { applyInputMappings, applyOutputMappings } from './io-mapping.js';
import { activateLoopBody, completeLoopBody, continueLoop, enclosingBody, iterationEnding } from './loop-body.js';
import { selectOutgoingFlows, takeFlows } from './outgoing-flows.js';
import { completeProcess } from './process-root.js';
import { liveChildren } from './scope.js';
import { setLocalVariables } from './variables.js';

/**
 * The element life cycle shared by all kinds (Zeebe's BpmnStateTransitionBehavior):
 * activating → activated → completing → completed, or → terminated. Behaviours decide
 * what happens inside a phase; these functions move between phases.
 */

export interface ActivateOptions {
  /** Marks an iteration inside a loop or multi-instance body. */
  readonly loopCounter?: number;
  /** Local variables to create before input mappings (loopCounter, the input element). */
  readonly locals?: JsonObject;
  readonly joinedFlowIds?: readonly string[];
}

/** Create an element instance in `scopeKey` and run its activation. An activity with loop characteristics first becomes its body. */
export function activateElement(rt: Runtime, elementId: string, scopeKey: string, flowId: string | null, options: ActivateOptions = {}): void {
  const element = rt.process.elements[elementId];
  if (!element) return;
  const key = rt.nextId();
  const loop = isActivity(element) && options.loopCounter === undefined ? element.loop : null;
  rt.emit('element-activating', elementId, key, {
    kind: loop === null ? element.kind : loop.kind === 'multi-instance' ? 'multi-instance-body' : 'loop-body',
    bpmnType: loop === null ? element.bpmnType : loop.kind === 'multi-instance' ? 'multiInstanceBody' : 'loopBody',
    scopeKey,
    flowId,
    loopCounter: options.loopCounter ?? null,
    joinedFlowIds: options.joinedFlowIds ?? null,
  });
  if (options.locals) setLocalVariables(rt, key, options.locals);
  runActivation(rt, rt.state.elements[key]!);
}

/** The activation phase of an existing instance: input mappings, then the behaviour (also the retry after an incident). */
export function runActivation(rt: Runtime, instance: ElementInstance): void {
  if (instance.kind === 'process') return;
  const element = elementOf(rt, instance);
  if (instance.kind === 'multi-instance-body' || instance.kind === 'loop-body') {
    activateLoopBody(rt, element, instance);
    return;
  }
  if (isActivity(element) && element.io !== null && element.io.inputs.length > 0) {
    const inputs = applyInputMappings(rt, element, instance);
    if (!inputs.ok) return raiseIncident(rt, instance, 'IO_MAPPING_ERROR', inputs.message, 'activate');
  }
  behaviorOf(element).activate(rt, element, instance);
}

export function markActivated(rt: Runtime, instance: ElementInstance): void {
  if (instance.lifecycle === 'activating') rt.emit('element-activated', instance.elementId, instance.key);
}

/** The completion phase of an existing instance (a scope that ran empty, a retried completion). */
export function runCompletion(rt: Runtime, instance: ElementInstance): void {
  if (instance.kind === 'process') return completeProcess(rt);
  const element = elementOf(rt, instance);
  if (instance.kind === 'multi-instance-body' || instance.kind === 'loop-body') return completeLoopBody(rt, element, instance);
  behaviorOf(element).complete(rt, element, instance);
}

/**
 * Complete an element instance: output mappings, then either hand over to its loop body
 * or choose and take its outgoing flows (`chosen` when the behaviour already decided,
 * as gateways do). A failure raises an incident and leaves the instance completing.
 */
export function completeElement(rt: Runtime, element: ExecutableElement, instance: ElementInstance, chosen?: readonly ExecutableSequenceFlow[]): void {
  if (instance.lifecycle !== 'completing') rt.emit('element-completing', element.id, instance.key);
  if (isActivity(element) && element.io !== null && element.io.outputs.length > 0) {
    const outputs = applyOutputMappings(rt, element, instance);
    if (!outputs.ok) return raiseIncident(rt, instance, 'IO_MAPPING_ERROR', outputs.message, 'complete');
  }
  const body = isActivity(element) ? enclosingBody(rt.state, instance) : null;
  if (body !== null && isActivity(element)) {
    // An iteration hands over to its loop body instead of taking the activity's flows.
    const done = iterationEnding(rt, element, instance, body);
    if (!done.ok) return raiseIncident(rt, instance, 'EXPRESSION_ERROR', done.message, 'complete');
    rt.emit('element-completed', element.id, instance.key);
    return continueLoop(rt, element, body, instance, done.value);
  }
  let flows = chosen;
  if (flows === undefined) {
    const selected = selectOutgoingFlows(rt, element, instance);
    if (!selected.ok) return raiseIncident(rt, instance, 'CONDITION_ERROR', selected.message, 'complete');
    flows = selected.value;
  }
  finishElement(rt, element, instance, flows);
}

/** The instance is completed; its token moves on over `flows`. */
export function finishElement(rt: Runtime, element: ExecutableElement, instance: ElementInstance, flows: readonly ExecutableSequenceFlow[]): void {
  rt.emit('element-completed', element.id, instance.key);
  takeFlows(rt, instance.scopeKey!, flows);
}

/**
 * Terminate an element instance and everything inside it, innermost first: children,
 * queued tokens, the behaviour's attachments (job, user task, child instance), open
 * incidents. Termination does not notify the scope: whoever terminates decides what next.
 */
export function terminateElement(rt: Runtime, instance: ElementInstance): void {
  for (const child of liveChildren(rt.state, instance.key)) terminateElement(rt, child);
  rt.dropQueued(instance.key);
  if (instance.kind !== 'process' && instance.kind !== 'multi-instance-body' && instance.kind !== 'loop-body') {
    const element = elementOf(rt, instance);
    behaviorOf(element).terminate(rt, element, instance);
  }
  resolveIncidentsOf(rt, instance);
  rt.emit('element-terminated', instance.elementId, instance.key);
}

export function elementOf(rt: Runtime, instance: ElementInstance): ExecutableElement {
  const element = rt.process.elements[instance.elementId];
  if (!element) throw new Error(`Expected element '${instance.elementId}' in process '${rt.process.key}', but it is not there`);
  return element;
}
