import type { JsonObject } from '../../state/json-value.js';
import type { Runtime } from '../runtime.js';
import { terminateElement } from './lifecycle.js';
import { closeSubscriptionsOf, openAttachedSubscriptions } from './subscriptions.js';
import { setLocalVariables } from './variables.js';

/**
 * The process instance as the outermost scope: an element instance whose key is the
 * instance id and whose element id is the process key.
 */
export function startProcess(rt: Runtime, variables: JsonObject, startElementId: string): void {
  const { id, processKey } = rt.state;
  rt.emit('element-activating', processKey, id, {
    kind: 'process',
    bpmnType: 'process',
    scopeKey: null,
    flowId: null,
    loopCounter: null,
    joinedFlowIds: null,
  });
  setLocalVariables(rt, id, variables);
  rt.emit('element-activated', processKey, id);
  openAttachedSubscriptions(rt, rt.state.elements[id]!);
  rt.enqueue({ type: 'activate', scopeKey: id, elementId: startElementId });
}

/** Every token is gone: the instance completes, handing its variables to a waiting parent. */
export function completeProcess(rt: Runtime): void {
  const { id, processKey, parent } = rt.state;
  rt.emit('element-completing', processKey, id);
  closeSubscriptionsOf(rt, id);
  rt.emit('element-completed', processKey, id);
  rt.emit('instance-completed', processKey, id, { variables: { ...rt.state.variables[id] }, parent });
}

/** Cancel: terminate every token, innermost first. */
export function terminateProcess(rt: Runtime): void {
  const { id, processKey, parent } = rt.state;
  const root = rt.state.elements[id];
  if (root) terminateElement(rt, root);
  rt.emit('instance-terminated', processKey, id, { parent });
}
