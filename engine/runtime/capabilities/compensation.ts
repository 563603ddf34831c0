import type { ElementInstance } from '../../state/instance-state.js';
import type { Runtime } from '../runtime.js';

/**
 * Compensation: an activity with a compensation handler is remembered in its scope when
 * it completes (see leaveElement). A compensation throw event starts a run: an element
 * instance of kind `compensation` in the thrower's scope that starts the handlers of the
 * scope's compensable activities one after another, most recent first, and then lets
 * the thrower complete.
 */

/** Start compensating what completed in `scopeKey` (one activity, or all); false when there is nothing to compensate. */
export function startCompensation(rt: Runtime, thrower: ElementInstance, scopeKey: string, activityRef: string | null): boolean {
  const compensable = rt.state.compensable?.[scopeKey] ?? [];
  const handlers = compensable.filter((activity) => activityRef === null || activity.elementId === activityRef).reverse();
  if (handlers.length === 0) return false;
  const key = rt.nextId();
  rt.emit('element-activating', thrower.elementId, key, { kind: 'compensation', bpmnType: 'compensation', scopeKey, flowId: null, loopCounter: null, joinedFlowIds: null });
  rt.emit('compensation-planned', thrower.elementId, key, { scopeKey, handlers, awaiting: thrower.key });
  rt.emit('element-activated', thrower.elementId, key);
  startNextHandler(rt, rt.state.elements[key]!);
  return true;
}

/** The run's current handler finished (its scope ran empty): start the next, or end the run and let the thrower go on. */
export function continueCompensation(rt: Runtime, run: ElementInstance): void {
  if (startNextHandler(rt, run)) return;
  rt.emit('element-completing', run.elementId, run.key);
  rt.emit('element-completed', run.elementId, run.key);
  if (run.awaiting && rt.state.elements[run.awaiting]) rt.enqueue({ type: 'complete', key: run.awaiting });
}

function startNextHandler(rt: Runtime, run: ElementInstance): boolean {
  const next = run.pendingHandlers?.[0];
  if (!next) return false;
  rt.emit('compensation-handler-started', run.elementId, run.key, { activity: next });
  const handlerId = rt.process.compensationHandlers[next.elementId];
  if (handlerId && rt.process.elements[handlerId]) rt.enqueue({ type: 'activate', scopeKey: run.key, elementId: handlerId });
  else rt.enqueue({ type: 'complete', key: run.key });
  return true;
}
