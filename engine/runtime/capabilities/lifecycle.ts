import { isActivity, type ExecutableElement, type ExecutableSequenceFlow } from '../../model/index.js';
import type { ElementInstance } from '../../state/instance-state.js';
import type { JsonObject } from '../../state/json-value.js';
import { behaviorOf } from '../behaviors/index.js';
import type { Runtime } from '../runtime.js';
import { raiseIncident, resolveIncidentsOf } from './incidents.js';
import { cancelJob, startAsyncContinuation } from './jobs.js';
import { continueCompensation } from './compensation.js';
import { mergeEventVariables } from './event-triggers.js';
import { applyInputMappings, applyOutputMappings, ioOf } from './io-mapping.js';
import { activateLoopBody, completeLoopBody, continueLoop, enclosingBody, iterationEnding } from './loop-body.js';
import { selectOutgoingFlows, takeFlows } from './outgoing-flows.js';
import { completeProcess } from './process-root.js';
import { liveChildren } from './scope.js';
import { closeSubscriptionsOf, openAttachedSubscriptions } from './subscriptions.js';
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
  /** The element's event already happened (a boundary event, an event sub-process, a catch after an event-based gateway), with these variables. */
  readonly triggered?: JsonObject;
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
  if (options.triggered) {
    mergeEventVariables(rt, element, rt.state.elements[key]!, options.triggered);
    // A triggered event has nothing left to wait for; an event sub-process runs from its start.
    if (element.kind !== 'sub-process') {
      markActivated(rt, rt.state.elements[key]!);
      return completeElement(rt, element, rt.state.elements[key]!);
    }
  }
  runActivation(rt, rt.state.elements[key]!);
}

/** The activation phase of an existing instance: input mappings, then the behaviour (also the retry after an incident). */
export function runActivation(rt: Runtime, instance: ElementInstance): void {
  if (instance.kind === 'process' || instance.kind === 'compensation') return;
  const element = elementOf(rt, instance);
  // A save point: the activation waits for a job, so it runs in a transaction of its own.
  if (isActivity(element) && element.asyncBefore && !instance.continued && instance.loopCounter === undefined) return startAsyncContinuation(rt, element, instance);
  if (instance.kind === 'multi-instance-body' || instance.kind === 'loop-body') {
    activateLoopBody(rt, element, instance);
    return openAttachedSubscriptions(rt, instance);
  }
  const io = ioOf(element);
  if (io !== null && io.inputs.length > 0) {
    const inputs = applyInputMappings(rt, { id: element.id, io }, instance);
    if (!inputs.ok) return raiseIncident(rt, instance, 'IO_MAPPING_ERROR', inputs.message, 'activate');
  }
  behaviorOf(element).activate(rt, element, instance);
  openAttachedSubscriptions(rt, instance);
}

export function markActivated(rt: Runtime, instance: ElementInstance): void {
  if (instance.lifecycle === 'activating') rt.emit('element-activated', instance.elementId, instance.key);
}

/** The completion phase of an existing instance (a scope that ran empty, a retried completion). */
export function runCompletion(rt: Runtime, instance: ElementInstance): void {
  if (instance.kind === 'process') return completeProcess(rt);
  if (instance.kind === 'compensation') return continueCompensation(rt, instance);
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
  const io = ioOf(element);
  if (io !== null && io.outputs.length > 0) {
    const outputs = applyOutputMappings(rt, { id: element.id, io }, instance);
    if (!outputs.ok) return raiseIncident(rt, instance, 'IO_MAPPING_ERROR', outputs.message, 'complete');
  }
  const body = isActivity(element) ? enclosingBody(rt.state, instance) : null;
  if (body !== null && isActivity(element)) {
    // An iteration hands over to its loop body instead of taking the activity's flows.
    const done = iterationEnding(rt, element, instance, body);
    if (!done.ok) return raiseIncident(rt, instance, 'EXPRESSION_ERROR', done.message, 'complete');
    leaveElement(rt, element, instance);
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
  leaveElement(rt, element, instance);
  rt.emit('element-completed', element.id, instance.key);
  takeFlows(rt, instance.scopeKey!, flows);
}

/**
 * A completing instance stops listening (its boundary events and event sub-processes),
 * hands the compensable activities of its scope to the enclosing scope, and, when it has
 * a compensation handler, becomes compensable itself.
 */
function leaveElement(rt: Runtime, element: ExecutableElement, instance: ElementInstance): void {
  closeSubscriptionsOf(rt, instance.key);
  if (rt.state.compensable?.[instance.key]) rt.emit('compensable-moved', element.id, instance.key, { fromScopeKey: instance.key, toScopeKey: instance.scopeKey });
  if (instance.kind !== 'multi-instance-body' && instance.kind !== 'loop-body' && rt.process.compensationHandlers[element.id] && instance.scopeKey !== null) {
    rt.emit('compensable-recorded', element.id, instance.key, { scopeKey: instance.scopeKey, activity: { elementId: element.id, elementInstanceKey: instance.key } });
  }
}

/**
 * Terminate an element instance and everything inside it, innermost first: children,
 * queued tokens, the behaviour's attachments (job, user task, child instance), open
 * incidents. Termination does not notify the scope: whoever terminates decides what next.
 */
export function terminateElement(rt: Runtime, instance: ElementInstance): void {
  for (const child of liveChildren(rt.state, instance.key)) terminateElement(rt, child);
  rt.dropQueued(instance.key);
  closeSubscriptionsOf(rt, instance.key);
  if (rt.state.compensable?.[instance.key]) rt.emit('compensable-moved', instance.elementId, instance.key, { fromScopeKey: instance.key, toScopeKey: null });
  if (instance.kind !== 'process' && instance.kind !== 'multi-instance-body' && instance.kind !== 'loop-body' && instance.kind !== 'compensation') {
    const element = elementOf(rt, instance);
    behaviorOf(element).terminate(rt, element, instance);
  }
  // A job the behaviour does not own (an async continuation) goes with the instance too.
  const live = rt.state.elements[instance.key];
  if (live?.jobKey && rt.state.jobs[live.jobKey]) cancelJob(rt, live);
  resolveIncidentsOf(rt, instance);
  rt.emit('element-terminated', instance.elementId, instance.key);
}

export function elementOf(rt: Runtime, instance: ElementInstance): ExecutableElement {
  const element = rt.process.elements[instance.elementId];
  if (!element) throw new Error(`Expected element '${instance.elementId}' in process '${rt.process.key}', but it is not there`);
  return element;
}
