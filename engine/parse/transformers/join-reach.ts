import type { ExecutableElement, InclusiveGatewayElement } from '../../model/index.js';

/**
 * For an inclusive join: which of its incoming flows a token at each element of the same
 * container can still reach without passing the gateway. Walks backwards from every
 * incoming flow; the walk stops at the gateway itself, so tokens that would first have
 * to pass the join (a loop back to it) do not count as "can still arrive".
 */
export function computeJoinReach(
  elements: Readonly<Record<string, ExecutableElement>>,
  gateway: InclusiveGatewayElement,
): Readonly<Record<string, readonly string[]>> {
  const reach: Record<string, string[]> = {};
  for (const flow of gateway.incoming) {
    const seen = new Set<string>();
    const pending = [flow.sourceId];
    while (pending.length > 0) {
      const id = pending.pop()!;
      if (id === gateway.id || seen.has(id)) continue;
      seen.add(id);
      (reach[id] ??= []).push(flow.id);
      for (const incoming of elements[id]?.incoming ?? []) pending.push(incoming.sourceId);
    }
  }
  return reach;
}
