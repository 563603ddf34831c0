import { invalidField } from '../shared.js';

/**
 * Working hours in a time zone, turned into UTC intervals: "08:00-17:00, Monday to Friday,
 * Europe/Warsaw" over a window → one interval per working day, daylight-saving aware
 * (offsets come from Intl, no time-zone library).
 */
export interface WorkHours {
  readonly startMinute: number;
  readonly endMinute: number;
  readonly timeZone: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  readonly weekdays: ReadonlySet<number>;
}

export interface Interval {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

/** `08:00-17:00` → minutes of the day; a 400 naming `field` otherwise. */
export function parseWorkHours(text: string, field: string): { startMinute: number; endMinute: number } {
  const match = /^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-4]):([0-5][0-9])$/.exec(text);
  const startMinute = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  const endMinute = match ? Number(match[3]) * 60 + Number(match[4]) : NaN;
  if (!(startMinute < endMinute) || endMinute > 1440) throw invalidField(field, 'must be HH:MM-HH:MM with the start before the end, e.g. 08:00-17:00');
  return { startMinute, endMinute };
}

/** Throws a 400 naming `field` unless `timeZone` is an IANA zone this runtime knows. */
export function checkTimeZone(timeZone: string, field: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    throw invalidField(field, `'${timeZone}' is not a known IANA time zone, e.g. Europe/Warsaw`);
  }
}

/** The working intervals (UTC epoch ms) that intersect `[from, to)`. */
export function workingIntervals(hours: WorkHours, from: number, to: number): Interval[] {
  const parts = formatter(hours.timeZone);
  const intervals: Interval[] = [];
  // Walk local calendar days from the day holding `from` to the day holding `to`.
  const first = localDate(parts, from);
  const last = localDate(parts, to);
  for (let day = Date.UTC(first.y, first.m - 1, first.d); day <= Date.UTC(last.y, last.m - 1, last.d); day += DAY_MS) {
    const isoWeekday = ((new Date(day).getUTCDay() + 6) % 7) + 1;
    if (!hours.weekdays.has(isoWeekday)) continue;
    const start = Math.max(from, localToUtc(parts, day, hours.startMinute));
    const end = Math.min(to, localToUtc(parts, day, hours.endMinute));
    if (start < end) intervals.push({ start, end });
  }
  return intervals;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
}

function localDate(parts: Intl.DateTimeFormat, at: number): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const p = Object.fromEntries(parts.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
  return { y: p.year!, m: p.month!, d: p.day!, h: p.hour!, min: p.minute!, s: p.second! };
}

/** The zone's offset at `at`: local wall time read as UTC, minus the instant. */
function offsetAt(parts: Intl.DateTimeFormat, at: number): number {
  const l = localDate(parts, at);
  return Date.UTC(l.y, l.m - 1, l.d, l.h, l.min, l.s) - Math.floor(at / 1000) * 1000;
}

/** The UTC instant of local midnight of `dayUtc`'s date plus `minute` minutes (twice corrected for a DST change). */
function localToUtc(parts: Intl.DateTimeFormat, dayUtc: number, minute: number): number {
  const wall = dayUtc + minute * 60_000;
  let guess = wall - offsetAt(parts, wall);
  guess = wall - offsetAt(parts, guess);
  return guess;
}
