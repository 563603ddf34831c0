import type { EngineEvent, EventType } from '../../../engine/index.js';

/** `[elementId, eventType]` pairs, optionally only of some event types. */
export function trace(events: readonly EngineEvent[], types?: readonly EventType[]): [string | null, EventType][] {
  return events.filter((event) => !types || types.includes(event.type)).map((event) => [event.elementId, event.type]);
}

/** Element life-cycle steps only: the usual thing to assert. */
export const LIFECYCLE: readonly EventType[] = ['element-activating', 'element-activated', 'element-completing', 'element-completed', 'element-terminated'];

/** The element ids that completed, in order. */
export function completedElements(events: readonly EngineEvent[]): (string | null)[] {
  return events.filter((event) => event.type === 'element-completed').map((event) => event.elementId);
}

/** The element ids that were activated (first event of an element instance), in order. */
export function activatedElements(events: readonly EngineEvent[]): (string | null)[] {
  return events.filter((event) => event.type === 'element-activating').map((event) => event.elementId);
}

/**
 * True when `expected` occurs in `actual` in this order, not necessarily adjacent
 * (Zeebe's containsSequence, loosened): used where unrelated events may interleave.
 */
export function inOrder<T>(actual: readonly T[], expected: readonly T[]): boolean {
  let index = 0;
  for (const item of actual) {
    if (index < expected.length && JSON.stringify(item) === JSON.stringify(expected[index])) index += 1;
  }
  return index === expected.length;
}

export function eventsOf<T extends EventType>(events: readonly EngineEvent[], type: T): Extract<EngineEvent, { type: T }>[] {
  return events.filter((event): event is Extract<EngineEvent, { type: T }> => event.type === type);
}
