import type { ExecutableElement, InclusiveGatewayElement, ParallelGatewayElement } from '../../model/index.js';
import type { InstanceState } from '../../state/instance-state.js';
import type { Runtime } from '../runtime.js';
import { activateElement } from './lifecycle.js';

type JoinGateway = ParallelGatewayElement | InclusiveGatewayElement;

export function isJoinGateway(element: ExecutableElement | undefined): element is JoinGateway {
  return (element?.kind === 'parallel-gateway' || element?.kind === 'inclusive-gateway') && element.isJoin;
}

/**
 * A token arrived at a joining gateway (its count was recorded when the flow was taken).
 * With a token on every incoming flow the gateway fires now; an inclusive join that
 * lacks some waits until the command is otherwise done (`fireReadyInclusiveJoins`).
 */
export function arriveAtJoin(rt: Runtime, gateway: JoinGateway, scopeKey: string, flowId: string): void {
  const tokens = rt.state.joins[scopeKey]?.[gateway.id];
  if (!tokens || !gateway.incoming.every((flow) => (tokens[flow.id] ?? 0) > 0)) return;
  activateElement(rt, gateway.id, scopeKey, flowId, { joinedFlowIds: gateway.incoming.map((flow) => flow.id) });
}

/**
 * With every queued step done, fire one waiting inclusive join whose missing tokens can
 * no longer arrive. Returns true when one fired (the caller drains again, then asks again).
 */
export function fireReadyInclusiveJoins(rt: Runtime): boolean {
  for (const scopeKey in rt.state.joins) {
    for (const gatewayId in rt.state.joins[scopeKey]) {
      const gateway = rt.process.elements[gatewayId];
      if (gateway?.kind !== 'inclusive-gateway') continue;
      const arrived = readyFlows(rt.state, gateway, scopeKey);
      if (arrived) {
        activateElement(rt, gatewayId, scopeKey, null, { joinedFlowIds: arrived });
        return true;
      }
    }
  }
  return false;
}

/**
 * BPMN's inclusive join rule: it fires when some incoming flow has a token and every
 * token of the scope that could still reach an empty incoming flow could also reach one
 * that has a token. A token sits at an element instance or waits at another join.
 */
function readyFlows(state: InstanceState, gateway: InclusiveGatewayElement, scopeKey: string): string[] | null {
  const tokens = state.joins[scopeKey]?.[gateway.id] ?? {};
  const arrived = gateway.incoming.filter((flow) => (tokens[flow.id] ?? 0) > 0).map((flow) => flow.id);
  if (arrived.length === 0) return null;
  if (arrived.length === gateway.incoming.length) return arrived;
  const blocks = (elementId: string): boolean => {
    const reach = gateway.joinReach[elementId];
    return reach !== undefined && reach.some((flowId) => !arrived.includes(flowId)) && !reach.some((flowId) => arrived.includes(flowId));
  };
  for (const key in state.elements) {
    const instance = state.elements[key]!;
    if (instance.scopeKey === scopeKey && blocks(instance.elementId)) return null;
  }
  for (const otherId in state.joins[scopeKey]) {
    if (otherId !== gateway.id && blocks(otherId)) return null;
  }
  return arrived;
}
