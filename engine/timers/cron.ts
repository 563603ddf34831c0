import { daysInMonth, utcDate } from './iso-date-time.js';

/**
 * Cron expressions for BPMN timer cycles, evaluated in UTC.
 *
 * - Six fields, Spring/Zeebe style: `second minute hour day-of-month month day-of-week`
 *   (`0 0 9 * * MON-FRI`). Day-of-month and day-of-week must both match, as in Spring.
 * - Five fields, classic cron (no seconds, second 0): when both day fields are restricted
 *   (neither is `*` or `?`), a day matches if either does, as in Vixie cron; otherwise both.
 * - Macros: `@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`, `@hourly`.
 *
 * Fields take `*`, values, `a-b`, lists, steps (`*\/15`, `5/15` = 5 to max by 15,
 * `10-40/10`), names `JAN`–`DEC` and `SUN`–`SAT` in any case; day-of-week 0 and 7 are
 * Sunday, and weekday ranges may wrap (`FRI-MON`). `?` means `*` in the day fields.
 * Day-of-month also takes `L` (last day), `L-3` (three days before it), `LW` (last
 * weekday) and `15W` (weekday nearest the 15th, within the month; no match when the month
 * is shorter); day-of-week takes `5L` (last Friday) and `MON#2` (second Monday).
 */
export interface CronSchedule {
  readonly seconds: readonly number[];
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly months: readonly number[];
  readonly dayOfMonth: DayOfMonthRule;
  readonly dayOfWeek: DayOfWeekRule;
  /** 'either' only for a classic five-field expression that restricts both day fields. */
  readonly dayCombination: 'both' | 'either';
}

export interface DayOfMonthRule {
  readonly days: readonly number[];
  /** `L` is 0, `L-3` is 3: days counted back from the month's last. */
  readonly fromLast: readonly number[];
  readonly lastWeekday: boolean;
  readonly nearestWeekday: readonly number[];
}

export interface DayOfWeekRule {
  /** 0 (Sunday) to 6. */
  readonly weekdays: readonly number[];
  readonly lastInMonth: readonly number[];
  readonly nth: readonly { readonly weekday: number; readonly n: number }[];
}

export type CronParse = { readonly ok: true; readonly value: CronSchedule } | { readonly ok: false; readonly message: string };

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names for min, min+1, …; matched case-insensitively. */
  readonly names?: readonly string[];
}

const SECOND: FieldSpec = { name: 'second', min: 0, max: 59 };
const MINUTE: FieldSpec = { name: 'minute', min: 0, max: 59 };
const HOUR: FieldSpec = { name: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldSpec = { name: 'month', min: 1, max: 12, names: MONTH_NAMES };
// 7 is a second Sunday; '*' and open steps stop at 6 so that Sunday is not listed twice.
const DAY_OF_WEEK: FieldSpec = { name: 'day-of-week', min: 0, max: 7, names: DAY_NAMES };

/**
 * A whole 400-year Gregorian cycle repeats dates and weekdays exactly, so an expression
 * with no match within 400 years after a moment has none at all.
 */
const SEARCH_YEARS = 400;

export function parseCron(text: string): CronParse {
  const source = text.trim();
  const expanded = source.startsWith('@') ? MACROS[source.toLowerCase()] : source;
  if (expanded === undefined) return fail(`Expected a cron macro (${Object.keys(MACROS).join(', ')}), but got '${text}'`);
  const fields = expanded.split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    return fail(`Expected a cron expression with 6 fields like '0 0 9 * * MON-FRI' or 5 like '0 9 * * MON-FRI', but got '${text}'`);
  }
  const [second, minute, hour, dom, month, dow] = (fields.length === 5 ? ['0', ...fields] : fields) as [string, string, string, string, string, string];
  const problem = (spec: FieldSpec, got: string, expected: string) =>
    fail(`Expected the ${spec.name} field of the cron expression '${text}' to be ${expected}, but got '${got}'`);
  try {
    const schedule: CronSchedule = {
      seconds: parseField(second, SECOND),
      minutes: parseField(minute, MINUTE),
      hours: parseField(hour, HOUR),
      dayOfMonth: parseDayOfMonth(dom),
      months: parseField(month, MONTH),
      dayOfWeek: parseDayOfWeek(dow),
      dayCombination: fields.length === 5 && !isUnrestricted(dom) && !isUnrestricted(dow) ? 'either' : 'both',
    };
    return { ok: true, value: schedule };
  } catch (error) {
    if (!(error instanceof FieldProblem)) throw error;
    return problem(error.spec, error.got, error.expected);
  }
}

/**
 * The first whole second strictly after `after` that the expression matches, or null when
 * it never matches (`0 0 0 31 2 *`). Works field by field from the month down, jumping to
 * the next allowed value, so even a yearly expression takes a few dozen steps.
 */
export function nextCronTime(expression: string | CronSchedule, after: Date): Date | null {
  const schedule = typeof expression === 'string' ? parsedOrThrow(expression) : expression;
  let t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
  if (Number.isNaN(t.getTime())) return null;
  const lastYear = t.getUTCFullYear() + SEARCH_YEARS;
  while (!Number.isNaN(t.getTime()) && t.getUTCFullYear() <= lastYear) {
    const [year, month, day] = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
    const [hour, minute, second] = [t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()];
    if (!schedule.months.includes(month)) {
      const next = atOrAfter(schedule.months, month);
      t = next === undefined ? utcDate(year + 1, schedule.months[0]!, 1) : utcDate(year, next, 1);
      continue;
    }
    const nextDay = nextMatchingDay(schedule, year, month, day);
    if (nextDay === undefined) {
      t = utcDate(year, month + 1, 1);
      continue;
    }
    if (nextDay !== day) {
      t = utcDate(year, month, nextDay);
      continue;
    }
    if (!schedule.hours.includes(hour)) {
      t = advance(schedule.hours, hour, (h) => utcDate(year, month, day, h), () => utcDate(year, month, day + 1));
      continue;
    }
    if (!schedule.minutes.includes(minute)) {
      t = advance(schedule.minutes, minute, (m) => utcDate(year, month, day, hour, m), () => utcDate(year, month, day, hour + 1));
      continue;
    }
    if (!schedule.seconds.includes(second)) {
      t = advance(schedule.seconds, second, (s) => utcDate(year, month, day, hour, minute, s), () => utcDate(year, month, day, hour, minute + 1));
      continue;
    }
    return t;
  }
  return null;
}

// helpers //////

function fail(message: string): CronParse {
  return { ok: false, message };
}

/** Thrown inside the field parsers only, turned into a CronParse failure by parseCron. */
class FieldProblem extends Error {
  constructor(readonly spec: FieldSpec, readonly got: string, readonly expected: string) {
    super(expected);
  }
}

function parsedOrThrow(text: string): CronSchedule {
  const parsed = parseCron(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

function isUnrestricted(field: string): boolean {
  return field === '*' || field === '?';
}

/** A plain field: a sorted, duplicate-free list of the allowed values. */
function parseField(field: string, spec: FieldSpec): number[] {
  const values = new Set<number>();
  for (const item of field.split(',')) for (const v of parseItem(item, spec)) values.add(v);
  return [...values].sort((a, b) => a - b);
}

function parseItem(item: string, spec: FieldSpec): number[] {
  const names = spec.names ? ` or a name like '${spec.names[0]}'` : '';
  const expected = `a value from ${spec.min} to ${spec.max}${names} (or a range, list or step of them)`;
  const match = /^(?:(\*|\?)|([^-/]+)(?:-([^-/]+))?)(?:\/(\d+))?$/.exec(item);
  if (!match || (match[1] === '?' && spec !== DAY_OF_MONTH && spec !== DAY_OF_WEEK)) throw new FieldProblem(spec, item, expected);
  // Spring allows 7 for Sunday, but an open range ('*', 'a/step') ends at Saturday.
  const openMax = spec === DAY_OF_WEEK ? 6 : spec.max;
  const low = match[2] === undefined ? spec.min : valueOf(match[2], spec, expected);
  let high = match[3] !== undefined ? valueOf(match[3], spec, expected) : match[2] === undefined || match[4] !== undefined ? openMax : low;
  // Weekdays wrap around the week: 'SAT-SUN' and 'FRI-MON' mean what they say.
  if (spec === DAY_OF_WEEK && low > high) high += 7;
  const step = match[4] === undefined ? 1 : Number(match[4]);
  if (step < 1) throw new FieldProblem(spec, item, 'a step of at least 1');
  if (low > high) throw new FieldProblem(spec, item, 'a range from low to high');
  const values: number[] = [];
  for (let v = low; v <= high; v += step) values.push(spec === DAY_OF_WEEK ? v % 7 : v);
  return values;
}

function valueOf(token: string, spec: FieldSpec, expected: string): number {
  const named = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  const value = named >= 0 ? spec.min + named : /^\d+$/.test(token) ? Number(token) : NaN;
  if (!(value >= spec.min && value <= spec.max)) throw new FieldProblem(spec, token, expected);
  return value;
}

function parseDayOfMonth(field: string): DayOfMonthRule {
  const rule = { days: [] as number[], fromLast: [] as number[], lastWeekday: false, nearestWeekday: [] as number[] };
  const plain: string[] = [];
  for (const item of field.split(',')) {
    const upper = item.toUpperCase();
    const fromLast = /^L(?:-(\d+))?$/.exec(upper);
    const nearest = /^(\d+)W$/.exec(upper);
    if (fromLast) rule.fromLast.push(boundedNumber(DAY_OF_MONTH, fromLast[1] ?? '0', 0, 30, item, "'L' or 'L-n' with n from 0 to 30"));
    else if (upper === 'LW') rule.lastWeekday = true;
    else if (nearest) rule.nearestWeekday.push(boundedNumber(DAY_OF_MONTH, nearest[1]!, 1, 31, item, "'nW' with n from 1 to 31"));
    else plain.push(item);
  }
  if (plain.length > 0) rule.days = parseField(plain.join(','), DAY_OF_MONTH);
  return rule;
}

function parseDayOfWeek(field: string): DayOfWeekRule {
  const rule = { weekdays: [] as number[], lastInMonth: [] as number[], nth: [] as { weekday: number; n: number }[] };
  const plain: string[] = [];
  const expected = "a day from 0 to 7 or 'SUN' to 'SAT'";
  for (const item of field.split(',')) {
    const last = /^(\w+)L$/i.exec(item);
    const nth = /^(\w+)#(\d+)$/.exec(item);
    if (last) rule.lastInMonth.push(valueOf(last[1]!, DAY_OF_WEEK, expected) % 7);
    else if (nth) rule.nth.push({ weekday: valueOf(nth[1]!, DAY_OF_WEEK, expected) % 7, n: boundedNumber(DAY_OF_WEEK, nth[2]!, 1, 5, item, "'day#n' with n from 1 to 5") });
    else plain.push(item);
  }
  if (plain.length > 0) rule.weekdays = parseField(plain.join(','), DAY_OF_WEEK);
  return rule;
}

function boundedNumber(spec: FieldSpec, text: string, min: number, max: number, item: string, expected: string): number {
  const value = Number(text);
  if (!(value >= min && value <= max)) throw new FieldProblem(spec, item, expected);
  return value;
}

function atOrAfter(values: readonly number[], value: number): number | undefined {
  return values.find((v) => v >= value);
}

/** The next allowed value of a field within its parent unit, or the start of the next parent. */
function advance(values: readonly number[], current: number, within: (v: number) => Date, nextParent: () => Date): Date {
  const next = atOrAfter(values, current);
  return next === undefined ? nextParent() : within(next);
}

/** The first day from `fromDay` on in this month that both day fields allow, or undefined. */
function nextMatchingDay(schedule: CronSchedule, year: number, month: number, fromDay: number): number | undefined {
  const length = daysInMonth(year, month);
  const firstWeekday = utcDate(year, month, 1).getUTCDay();
  for (let day = fromDay; day <= length; day++) {
    const weekday = (firstWeekday + day - 1) % 7;
    const byDate = matchesDayOfMonth(schedule.dayOfMonth, day, length, firstWeekday);
    const byWeekday = matchesDayOfWeek(schedule.dayOfWeek, day, weekday, length);
    if (schedule.dayCombination === 'either' ? byDate || byWeekday : byDate && byWeekday) return day;
  }
  return undefined;
}

function matchesDayOfMonth(rule: DayOfMonthRule, day: number, length: number, firstWeekday: number): boolean {
  return (
    rule.days.includes(day) ||
    rule.fromLast.some((n) => day === length - n) ||
    (rule.lastWeekday && day === nearestWeekday(length, length, firstWeekday)) ||
    rule.nearestWeekday.some((n) => n <= length && day === nearestWeekday(n, length, firstWeekday))
  );
}

function matchesDayOfWeek(rule: DayOfWeekRule, day: number, weekday: number, length: number): boolean {
  return (
    rule.weekdays.includes(weekday) ||
    rule.lastInMonth.some((w) => w === weekday && day + 7 > length) ||
    rule.nth.some(({ weekday: w, n }) => w === weekday && Math.ceil(day / 7) === n)
  );
}

/** The Monday-to-Friday day closest to `target` without leaving the month (Quartz's `W`). */
function nearestWeekday(target: number, length: number, firstWeekday: number): number {
  const weekday = (firstWeekday + target - 1) % 7;
  if (weekday === 6) return target > 1 ? target - 1 : target + 2;
  if (weekday === 0) return target < length ? target + 1 : target - 2;
  return target;
}
