import type { BoundaryEventElement, StartEventElement } from '../../model/index.js';
import type { ElementInstance } from '../../state/instance-state.js';
import type { Runtime } from '../runtime.js';

export type ThrownKind = 'error' | 'escalation';

/** Where a thrown error or escalation is caught: a boundary event of an activity, or an event sub-process of a scope. */
export type CatchSite =
  | { readonly type: 'boundary'; readonly owner: ElementInstance; readonly element: BoundaryEventElement }
  | { readonly type: 'event-sub-process'; readonly owner: ElementInstance; readonly element: StartEventElement };

/**
 * Find the catch for an error or escalation thrown at `from`, innermost first: the
 * boundary events of `from` itself (a task whose job threw, a call activity whose child
 * threw), then, walking outwards, each enclosing scope's event sub-processes and then
 * that scope's own boundary events. At each place a catch naming the code wins over a
 * catch-all. An event sub-process does not catch what is thrown inside itself.
 */
export function findCatch(rt: Runtime, from: ElementInstance, kind: ThrownKind, code: string): CatchSite | null {
  let current: ElementInstance | undefined = from;
  let cameFrom: ElementInstance | null = null;
  while (current) {
    if (current !== from && (current.kind === 'process' || current.kind === 'sub-process')) {
      const start = bestMatch(eventSubProcessStarts(rt, current, cameFrom), kind, code);
      if (start) return { type: 'event-sub-process', owner: current, element: start };
    }
    if (current.kind !== 'process' && !isIteration(rt, current)) {
      const ids = rt.process.boundaryEvents[current.elementId] ?? [];
      const boundary = bestMatch(ids.map((id) => rt.process.elements[id]).filter((e): e is BoundaryEventElement => e?.kind === 'boundary-event'), kind, code);
      if (boundary) return { type: 'boundary', owner: current, element: boundary };
    }
    cameFrom = current;
    current = current.scopeKey === null ? undefined : rt.state.elements[current.scopeKey];
  }
  return null;
}

function eventSubProcessStarts(rt: Runtime, scope: ElementInstance, cameFrom: ElementInstance | null): StartEventElement[] {
  const ids = rt.process.eventSubProcessStarts[scope.elementId] ?? [];
  return ids
    .map((id) => rt.process.elements[id])
    .filter((e): e is StartEventElement => e?.kind === 'start-event' && e.containerId !== cameFrom?.elementId);
}

function bestMatch<E extends BoundaryEventElement | StartEventElement>(candidates: readonly E[], kind: ThrownKind, code: string): E | null {
  let catchAll: E | null = null;
  for (const candidate of candidates) {
    const definition = candidate.eventDefinition;
    if (definition?.kind !== kind) continue;
    const caught = definition.kind === 'error' ? definition.errorCode : definition.kind === 'escalation' ? definition.escalationCode : null;
    if (caught === code) return candidate;
    if (caught === null) catchAll ??= candidate;
  }
  return catchAll;
}

function isIteration(rt: Runtime, instance: ElementInstance): boolean {
  if (instance.loopCounter === undefined || instance.scopeKey === null) return false;
  const scope = rt.state.elements[instance.scopeKey];
  return scope?.kind === 'multi-instance-body' || scope?.kind === 'loop-body';
}
