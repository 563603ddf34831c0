/**
 * ISO 8601 date-times as BPMN `timeDate` gives them (Zeebe style), and the UTC calendar
 * helpers the other timer files share. Pure: the only outside knowledge is Intl's time
 * zone data, asked only when a text names a zone id in brackets.
 *
 * Accepted: `2026-12-01T09:00`, `…T09:00:00`, `…T09:00:00.250` (fraction truncated to
 * milliseconds), followed by `Z`, `+01:00`, `+0100`, `+01` or nothing (UTC), and
 * optionally a zone id `[Europe/Berlin]`. Without an offset the zone id decides the
 * offset, but only when the local time has exactly one meaning there (not inside a
 * daylight-saving gap or overlap); with both, they must agree.
 */
export type DateTimeParse = { readonly ok: true; readonly value: Date } | { readonly ok: false; readonly message: string };

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?(?:\[([^\]]+)\])?$/i;
const EXAMPLE = "'2026-12-01T09:00:00Z'";
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export function parseIsoDateTime(text: string): DateTimeParse {
  const match = DATE_TIME.exec(text);
  if (!match) return fail(`Expected an ISO 8601 date-time like ${EXAMPLE}, but got '${text}'`);
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? 0)) as [number, number, number, number, number, number];
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail(`Expected an ISO 8601 date-time with a day that exists in its month, but got '${text}'`);
  }
  // 24:00 and leap seconds are legal ISO 8601 but have no single reading in Java or JS.
  if (hour > 23 || minute > 59 || second > 59) return fail(`Expected an ISO 8601 date-time with a time from 00:00:00 to 23:59:59, but got '${text}'`);

  const local = utcDate(year, month, day, hour, minute, second, millis).getTime();
  const offset = match[8] === undefined ? undefined : parseOffset(match[8]);
  if (offset === null) return fail(`Expected an ISO 8601 offset from -18:00 to +18:00, but got '${text}'`);
  const zone = match[9];
  if (zone === undefined) return { ok: true, value: new Date(local - (offset ?? 0) * MINUTE_MS) };
  return resolveInZone(text, local, zone, offset);
}

/** A UTC date from calendar fields (month 1–12); unlike `Date.UTC` it keeps years 0–99 as they are. */
export function utcDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millis = 0): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date;
}

/** Days in a month (1–12) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// helpers //////

function fail(message: string): DateTimeParse {
  return { ok: false, message };
}

/** Offset in minutes east of UTC; null when out of range. */
function parseOffset(text: string): number | null {
  if (text.toUpperCase() === 'Z') return 0;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 18 || minutes > 59 || hours * 60 + minutes > 18 * 60) return null;
  return (text.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/**
 * The instant a local time names in a zone. A local time may have no instant (spring
 * gap) or two (autumn overlap); guessing would fire a timer an hour off, so both are
 * refused and the message says how to make the text exact.
 */
function resolveInZone(text: string, local: number, zone: string, offset: number | undefined): DateTimeParse {
  const offsetAt = zoneOffsets(zone);
  if (!offsetAt) return fail(`Expected a time zone id known to Intl like 'Europe/Berlin', but got '${zone}' in '${text}'`);
  if (offset !== undefined) {
    const instant = local - offset * MINUTE_MS;
    if (offsetAt(instant) === offset) return { ok: true, value: new Date(instant) };
    return fail(`Expected the offset in '${text}' to be the offset of '${zone}' at that time, but it is not`);
  }
  // A zone changes its offset at most once around any given day, so the offsets one day
  // either side are the only candidates; each is right if the zone agrees at that instant.
  const candidates = new Set([offsetAt(local - DAY_MS), offsetAt(local), offsetAt(local + DAY_MS)]);
  const instants = [...candidates].filter((o): o is number => o !== undefined && offsetAt(local - o * MINUTE_MS) === o).map((o) => local - o * MINUTE_MS);
  if (instants.length === 1) return { ok: true, value: new Date(instants[0]!) };
  const why = instants.length === 0 ? 'does not exist there (a clock change skips it)' : 'is ambiguous there (a clock change repeats it)';
  return fail(`Expected a local time that exists once in '${zone}', but '${text}' ${why}; add an offset like '+01:00'`);
}

/** Offset lookup (minutes east of UTC) for a zone, or undefined when Intl does not know the zone. */
function zoneOffsets(zone: string): ((instant: number) => number | undefined) | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  } catch {
    return undefined;
  }
  return (instant) => {
    const name = format.formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName')?.value ?? '';
    // 'GMT' alone means offset zero; historical local mean times may carry seconds, which we refuse.
    const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
    if (!match) return undefined;
    if (match[1] === undefined) return 0;
    return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  };
}
