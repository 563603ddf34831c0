import type { ExecutableElement, ExecutableSequenceFlow } from '../../model/index.js';
import type { ElementInstance } from '../../state/instance-state.js';
import type { Runtime } from '../runtime.js';
import { evaluateCondition } from './evaluate.js';
import { failure, success, type Outcome } from './outcome.js';
import { isJoinGateway } from './joins.js';
import { scopeChildEnded } from './scope.js';

/**
 * The flows an activity or event takes when it completes (BPMN's uncontrolled flow): every
 * unconditional flow, every conditional flow whose condition holds, and the default flow
 * only when no other is taken. No outgoing flow at all is an implicit end.
 */
export function selectOutgoingFlows(rt: Runtime, element: ExecutableElement, instance: ElementInstance): Outcome<readonly ExecutableSequenceFlow[]> {
  const outgoing = element.outgoing;
  if (element.defaultFlow === null && outgoing.every((flow) => flow.condition === null)) return success(outgoing);
  const taken: ExecutableSequenceFlow[] = [];
  for (const flow of outgoing) {
    if (flow.isDefault) continue;
    if (flow.condition === null) {
      taken.push(flow);
      continue;
    }
    const holds = evaluateCondition(rt, flow.condition, instance.key, `the condition of '${flow.id}'`);
    if (!holds.ok) return holds;
    if (holds.value) taken.push(flow);
  }
  if (taken.length > 0) return success(taken);
  if (element.defaultFlow) return success([element.defaultFlow]);
  return failure(`Expected at least one condition of the flows leaving '${element.id}' to be true, or a default flow, but none was`);
}

/** Exclusive choice: the first flow (in document order) whose condition holds, else the default. */
export function selectExclusiveFlow(rt: Runtime, element: ExecutableElement, instance: ElementInstance): Outcome<readonly ExecutableSequenceFlow[]> {
  for (const flow of element.outgoing) {
    if (flow.isDefault) continue;
    if (flow.condition === null) return success([flow]);
    const holds = evaluateCondition(rt, flow.condition, instance.key, `the condition of '${flow.id}'`);
    if (!holds.ok) return holds;
    if (holds.value) return success([flow]);
  }
  if (element.defaultFlow) return success([element.defaultFlow]);
  if (element.outgoing.length === 0) return success([]);
  return failure(`Expected at least one condition of the flows leaving '${element.id}' to be true, or a default flow, but none was`);
}

/**
 * Put a token on each flow: `sequence-flow-taken` now, arrival at the target as a queued
 * step (so that parallel branches advance in turn). Taking none ends the token here.
 */
export function takeFlows(rt: Runtime, scopeKey: string, flows: readonly ExecutableSequenceFlow[]): void {
  if (flows.length === 0) {
    scopeChildEnded(rt, scopeKey);
    return;
  }
  for (const flow of flows) {
    const join = isJoinGateway(rt.process.elements[flow.targetId]);
    rt.emit('sequence-flow-taken', flow.id, null, { scopeKey, sourceId: flow.sourceId, targetId: flow.targetId, join });
    rt.enqueue({ type: 'arrive', scopeKey, flowId: flow.id });
  }
}
