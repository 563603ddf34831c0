import type { Interval } from './work-hours.js';

/**
 * The common free time of everyone asked: the working intervals minus the union of all
 * busy intervals, keeping the pieces at least `durationMs` long. Pure: all times are UTC
 * epoch milliseconds; intervals are half-open `[start, end)`.
 */
export function freeSlots(working: readonly Interval[], busy: readonly Interval[], durationMs: number, limit: number): Interval[] {
  const blocked = merge(busy);
  const slots: Interval[] = [];
  for (const span of working) {
    let cursor = span.start;
    for (const b of blocked) {
      if (b.end <= cursor) continue;
      if (b.start >= span.end) break;
      if (b.start - cursor >= durationMs) slots.push({ start: cursor, end: b.start });
      cursor = Math.max(cursor, b.end);
      if (cursor >= span.end) break;
    }
    if (span.end - cursor >= durationMs) slots.push({ start: cursor, end: span.end });
    if (slots.length >= limit) return slots.slice(0, limit);
  }
  return slots;
}

/** Sorted, overlapping or touching intervals joined. */
export function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const i of sorted) {
    const last = merged.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else merged.push({ ...i });
  }
  return merged;
}

/** `PT1H`, `PT30M`, `PT1H30M` → milliseconds; `undefined` for anything else. */
export function parseDuration(text: string): number | undefined {
  const match = /^PT(?:(\d{1,2})H)?(?:(\d{1,4})M)?$/.exec(text);
  if (!match || (match[1] === undefined && match[2] === undefined)) return undefined;
  return (Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0)) * 60_000;
}
