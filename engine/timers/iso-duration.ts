import { daysInMonth, utcDate } from './iso-date-time.js';

/**
 * ISO 8601 durations as BPMN `timeDuration` and timer cycles give them: `PT15M`, `P2D`,
 * `P2W`, `P1Y2M3DT4H5M6.5S`. Letters may be lower case (Java's parsers accept that too).
 * Only seconds may have a fraction (`,` or `.`), truncated to milliseconds; a fractional
 * month or day has no exact meaning. Negative durations are refused: a timer cannot fire
 * in the past.
 *
 * Calendar units (Y, M, W, D) move the calendar date in UTC, so P1M from 31 January lands
 * on the last day of February; time units (H, M, S) add exact milliseconds. As everything
 * is UTC, a day is always 24 hours and daylight saving never matters.
 */
export interface IsoDuration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly milliseconds: number;
}

export type DurationParse = { readonly ok: true; readonly value: IsoDuration } | { readonly ok: false; readonly message: string };

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d+))?S)?)?$/i;

export function parseIsoDuration(text: string): DurationParse {
  if (text.startsWith('-')) return fail(`Expected a non-negative ISO 8601 duration like 'PT15M', but got '${text}'`);
  const match = DURATION.exec(text);
  // The pattern makes every part optional, so a bare 'P' or 'PT' needs its own check.
  if (!match || !match.slice(1, 8).some((part) => part !== undefined) || /T$/i.test(text)) {
    return fail(`Expected an ISO 8601 duration like 'PT15M', but got '${text}'`);
  }
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1, 8).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number, number];
  const milliseconds = Number((match[8] ?? '').padEnd(3, '0').slice(0, 3));
  const duration: IsoDuration = { years, months, weeks, days, hours, minutes, seconds, milliseconds };
  if (![years, months, weeks, days, hours, minutes, seconds].every(Number.isSafeInteger)) {
    return fail(`Expected an ISO 8601 duration with numbers of a sensible size, but got '${text}'`);
  }
  return { ok: true, value: duration };
}

/**
 * `date` moved forward by `duration`: months first (clamped to the month's end), then
 * days, then exact time. The result is an Invalid Date when it leaves JavaScript's range.
 */
export function addDuration(date: Date, duration: IsoDuration): Date {
  const totalMonths = date.getUTCMonth() + duration.years * 12 + duration.months;
  const year = date.getUTCFullYear() + Math.floor(totalMonths / 12);
  const month = (totalMonths % 12) + 1;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month));
  const moved = utcDate(year, month, day + duration.weeks * 7 + duration.days, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
  return new Date(moved.getTime() + exactMilliseconds(duration));
}

/** The time part in milliseconds (hours, minutes, seconds); calendar units excluded. */
export function exactMilliseconds(duration: IsoDuration): number {
  return ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000 + duration.milliseconds;
}

/**
 * The whole duration in milliseconds when it has no months or years (in UTC a week and a
 * day are exact too); undefined when its length depends on the date it is added to.
 */
export function fixedMilliseconds(duration: IsoDuration): number | undefined {
  if (duration.years !== 0 || duration.months !== 0) return undefined;
  return (duration.weeks * 7 + duration.days) * 86_400_000 + exactMilliseconds(duration);
}

export function isZeroDuration(duration: IsoDuration): boolean {
  return fixedMilliseconds(duration) === 0;
}

// helpers //////

function fail(message: string): DurationParse {
  return { ok: false, message };
}
