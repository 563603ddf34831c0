import t from 'tap';
import { nextCronTime, parseCron, type CronSchedule } from '../../../engine/timers/cron.js';

const next = (expression: string, after: string): string | undefined => nextCronTime(expression, new Date(after))?.toISOString();
/** The first `count` firings after `after`, each found from the one before. */
const series = (expression: string, after: string, count: number): string[] => {
  const times: string[] = [];
  let at = new Date(after);
  for (let i = 0; i < count; i++) {
    const found = nextCronTime(expression, at);
    if (!found) break;
    times.push(found.toISOString());
    at = found;
  }
  return times;
};
const problem = (expression: string): string | undefined => {
  const parsed = parseCron(expression);
  return parsed.ok ? undefined : parsed.message;
};

t.test('should find the next weekday morning with six fields (Spring/Zeebe)', async (t) => {
  // 2026-01-30 is a Friday.
  t.same(series('0 0 9 * * MON-FRI', '2026-01-30T08:00:00Z', 3), ['2026-01-30T09:00:00.000Z', '2026-02-02T09:00:00.000Z', '2026-02-03T09:00:00.000Z']);
  t.equal(next('0 0 9 * * MON-FRI', '2026-01-30T09:00:00Z'), '2026-02-02T09:00:00.000Z', 'strictly after');
  t.equal(next('0 0 9 * * MON-FRI', '2026-01-30T08:59:59.999Z'), '2026-01-30T09:00:00.000Z');
  t.equal(next('0 0 9 * * mon-fri', '2026-01-31T00:00:00Z'), '2026-02-02T09:00:00.000Z', 'names in any case');
});

t.test('should step through minutes and seconds', async (t) => {
  t.same(series('0 */15 * * * *', '2026-01-01T23:40:00Z', 3), ['2026-01-01T23:45:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-02T00:15:00.000Z']);
  t.same(series('*/20 * * * * *', '2026-01-01T00:00:30Z', 3), ['2026-01-01T00:00:40.000Z', '2026-01-01T00:01:00.000Z', '2026-01-01T00:01:20.000Z']);
  t.same(series('5/20 * * * * *', '2026-01-01T00:00:00Z', 4), ['2026-01-01T00:00:05.000Z', '2026-01-01T00:00:25.000Z', '2026-01-01T00:00:45.000Z', '2026-01-01T00:01:05.000Z']);
  t.same(series('0 10-40/10 8 * * *', '2026-01-01T00:00:00Z', 5), ['2026-01-01T08:10:00.000Z', '2026-01-01T08:20:00.000Z', '2026-01-01T08:30:00.000Z', '2026-01-01T08:40:00.000Z', '2026-01-02T08:10:00.000Z']);
  t.same(series('0 0 8,12,17 * * *', '2026-01-01T12:00:00Z', 3), ['2026-01-01T17:00:00.000Z', '2026-01-02T08:00:00.000Z', '2026-01-02T12:00:00.000Z']);
  t.equal(next('* * * * * *', '2026-01-01T00:00:00.500Z'), '2026-01-01T00:00:01.000Z');
  t.equal(next('59 59 23 31 12 *', '2026-06-01T00:00:00Z'), '2026-12-31T23:59:59.000Z');
});

t.test('should find the last day of the month, leap years included', async (t) => {
  t.same(series('0 0 0 L * *', '2026-01-15T00:00:00Z', 4), ['2026-01-31T00:00:00.000Z', '2026-02-28T00:00:00.000Z', '2026-03-31T00:00:00.000Z', '2026-04-30T00:00:00.000Z']);
  t.equal(next('0 0 0 L 2 *', '2027-03-01T00:00:00Z'), '2028-02-29T00:00:00.000Z');
  t.equal(next('0 0 0 L-2 * *', '2026-02-01T00:00:00Z'), '2026-02-26T00:00:00.000Z');
  // 2026-05-31 is a Sunday, so the last weekday is Friday the 29th.
  t.equal(next('0 0 0 LW * *', '2026-05-01T00:00:00Z'), '2026-05-29T00:00:00.000Z');
  // 2026-02-15 is a Sunday → Monday 16th; 2026-08-01 is a Saturday → Monday 3rd (stays in the month).
  t.equal(next('0 0 0 15W * *', '2026-02-01T00:00:00Z'), '2026-02-16T00:00:00.000Z');
  t.equal(next('0 0 0 1W * *', '2026-07-31T00:00:00Z'), '2026-08-03T00:00:00.000Z');
  t.equal(next('0 0 0 31W * *', '2026-02-01T00:00:00Z'), '2026-03-31T00:00:00.000Z', 'no match in a shorter month');
});

t.test('should treat ? as * and read day names, 0 and 7 as Sunday', async (t) => {
  // 2026-01-07 is a Wednesday.
  t.same(series('0 0 12 ? * WED', '2026-01-01T00:00:00Z', 2), ['2026-01-07T12:00:00.000Z', '2026-01-14T12:00:00.000Z']);
  t.equal(next('0 0 12 * * 0', '2026-01-01T00:00:00Z'), '2026-01-04T12:00:00.000Z');
  t.equal(next('0 0 12 * * 7', '2026-01-01T00:00:00Z'), '2026-01-04T12:00:00.000Z');
  t.equal(next('0 0 12 * * SUN', '2026-01-01T00:00:00Z'), '2026-01-04T12:00:00.000Z');
  t.same(series('0 0 12 * * SAT-SUN', '2026-01-01T00:00:00Z', 3), ['2026-01-03T12:00:00.000Z', '2026-01-04T12:00:00.000Z', '2026-01-10T12:00:00.000Z']);
  t.same(series('0 0 12 * * FRI-MON', '2026-01-01T00:00:00Z', 5), ['2026-01-02T12:00:00.000Z', '2026-01-03T12:00:00.000Z', '2026-01-04T12:00:00.000Z', '2026-01-05T12:00:00.000Z', '2026-01-09T12:00:00.000Z'], 'ranges wrap around the week');
  t.same(series('0 0 12 * * 6-7', '2026-01-01T00:00:00Z', 2), ['2026-01-03T12:00:00.000Z', '2026-01-04T12:00:00.000Z']);
  t.equal(next('0 0 12 ? JAN,JUL *', '2026-02-01T00:00:00Z'), '2026-07-01T12:00:00.000Z');
});

t.test('should read the last and the nth weekday of a month', async (t) => {
  t.equal(next('0 0 0 ? * 5L', '2026-01-01T00:00:00Z'), '2026-01-30T00:00:00.000Z', 'last Friday');
  t.equal(next('0 0 0 ? * FRIL', '2026-01-31T00:00:00Z'), '2026-02-27T00:00:00.000Z');
  t.equal(next('0 0 0 ? * MON#2', '2026-01-01T00:00:00Z'), '2026-01-12T00:00:00.000Z', 'second Monday');
  t.equal(next('0 0 0 ? * 1#5', '2026-01-01T00:00:00Z'), '2026-03-30T00:00:00.000Z', 'the first month with a fifth Monday');
});

t.test('should AND the day fields with six fields, and OR them in the classic five-field form', async (t) => {
  // The 13th that is a Friday: 2026-02-13.
  t.equal(next('0 0 0 13 * FRI', '2026-01-01T00:00:00Z'), '2026-02-13T00:00:00.000Z');
  // Five fields: the 13th, or any Friday — Friday 2026-01-02 comes first.
  t.equal(next('0 0 13 * FRI', '2026-01-01T00:00:00Z'), '2026-01-02T00:00:00.000Z');
  t.equal(next('0 0 13 * FRI', '2026-01-10T00:00:00Z'), '2026-01-13T00:00:00.000Z');
  t.equal(next('0 0 13 * *', '2026-01-01T00:00:00Z'), '2026-01-13T00:00:00.000Z', 'one field restricted: AND');
});

t.test('should read five fields as second 0', async (t) => {
  t.same(series('*/30 9 * * MON-FRI', '2026-01-02T09:00:00Z', 3), ['2026-01-02T09:30:00.000Z', '2026-01-05T09:00:00.000Z', '2026-01-05T09:30:00.000Z']);
  t.equal(next('0 9 * * *', '2026-01-01T09:00:00Z'), '2026-01-02T09:00:00.000Z');
});

t.test('should expand the macros', async (t) => {
  const after = '2026-05-13T10:20:30Z'; // a Wednesday
  t.equal(next('@hourly', after), '2026-05-13T11:00:00.000Z');
  t.equal(next('@daily', after), '2026-05-14T00:00:00.000Z');
  t.equal(next('@midnight', after), '2026-05-14T00:00:00.000Z');
  t.equal(next('@weekly', after), '2026-05-17T00:00:00.000Z');
  t.equal(next('@monthly', after), '2026-06-01T00:00:00.000Z');
  t.equal(next('@yearly', after), '2027-01-01T00:00:00.000Z');
  t.equal(next('@annually', after), '2027-01-01T00:00:00.000Z');
  t.equal(next('@YEARLY', after), '2027-01-01T00:00:00.000Z');
  t.match(problem('@every'), /^Expected a cron macro \(@yearly, .*\), but got '@every'/);
});

t.test('should find rare and impossible expressions fast', async (t) => {
  const started = performance.now();
  t.equal(next('0 0 0 29 2 *', '2024-03-01T00:00:00Z'), '2028-02-29T00:00:00.000Z');
  t.equal(next('0 0 0 29 2 MON', '2026-01-01T00:00:00Z'), '2044-02-29T00:00:00.000Z');
  t.equal(next('0 0 0 31 2 *', '2026-01-01T00:00:00Z'), undefined);
  t.equal(next('0 0 0 30 2 *', '2026-01-01T00:00:00Z'), undefined);
  t.equal(next('0 0 0 31 4,6,9,11 *', '2026-01-01T00:00:00Z'), undefined);
  t.equal(next('0 0 0 L-30 2 *', '2026-01-01T00:00:00Z'), undefined);
  t.equal(next('0 0 0 ? 2 MON#5', '2026-01-01T00:00:00Z'), '2044-02-29T00:00:00.000Z', 'a fifth Monday in February');
  t.ok(performance.now() - started < 500, 'bounded search');
});

t.test('should refuse malformed expressions, naming the field and the item', async (t) => {
  t.equal(problem('0 0 25 * * *'), "Expected the hour field of the cron expression '0 0 25 * * *' to be a value from 0 to 23 (or a range, list or step of them), but got '25'");
  t.match(problem('0 0 9 * * MON-FRY'), /day-of-week field .* a value from 0 to 7 or a name like 'SUN'.*but got 'FRY'/);
  t.match(problem('0 0 9 * FOO *'), /month field .*but got 'FOO'/);
  t.match(problem('0 0 9 * * *  *'), /^Expected a cron expression with 6 fields like '0 0 9 \* \* MON-FRI' or 5/);
  t.match(problem('0 0 9 *'), /with 6 fields/);
  t.match(problem(''), /with 6 fields/);
  t.match(problem('0 0 17-9 * * *'), /hour field .* a range from low to high, but got '17-9'/);
  t.match(problem('0 0 0 ? DEC-JAN *'), /month field .* a range from low to high, but got 'DEC-JAN'/);
  t.match(problem('0 */0 * * * *'), /minute field .* a step of at least 1, but got '\*\/0'/);
  t.match(problem('? 0 0 * * *'), /second field/);
  t.match(problem('0 0 0 0 * *'), /day-of-month field/);
  t.match(problem('0 0 0 32 * *'), /day-of-month field/);
  t.match(problem('0 0 0 L-31 * *'), /'L' or 'L-n' with n from 0 to 30, but got 'L-31'/);
  t.match(problem('0 0 0 0W * *'), /'nW' with n from 1 to 31/);
  t.match(problem('0 0 0 ? * 1#6'), /day-of-week field .* 'day#n' with n from 1 to 5/);
  t.match(problem('0 0 0 ? * L'), /day-of-week field/);
  t.match(problem('0 0 0 1,,2 * *'), /day-of-month field .*but got ''/);
  t.match(problem('0 0 0 1 13 *'), /month field/);
  t.match(problem('0 0 0 1 0 *'), /month field/);
  t.match(problem('0 0 0 1 * 8'), /day-of-week field/);
  t.throws(() => nextCronTime('nonsense', new Date(0)), /with 6 fields/);
});

// ── Property check: for seeded-random expressions and times, the result is strictly
// later, matches the expression by an independent matcher, and (where the gap is short
// enough to scan) no earlier minute in between matches.

/** A small, independent reading of the subset of cron the generator below produces. */
function cronMatches(expression: string, date: Date): boolean {
  const fields = expression.trim().split(/\s+/);
  const [second, minute, hour, dom, month, dow] = (fields.length === 5 ? ['0', ...fields] : fields) as string[];
  const year = date.getUTCFullYear();
  const monthLength = new Date(Date.UTC(year, date.getUTCMonth() + 1, 0)).getUTCDate();
  const names = { month: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], dow: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] };
  const weekday = date.getUTCDay();
  const dayOfMonth = fieldMatches(dom!, date.getUTCDate(), 1, 31, [], monthLength);
  const dayOfWeek = fieldMatches(dow!, weekday, 0, 6, names.dow) || (weekday === 0 && fieldMatches(dow!, 7, 0, 6, names.dow));
  const restricted = (f: string) => f !== '*' && f !== '?';
  const day = fields.length === 5 && restricted(dom!) && restricted(dow!) ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
  return (
    day &&
    fieldMatches(second!, date.getUTCSeconds(), 0, 59, []) &&
    fieldMatches(minute!, date.getUTCMinutes(), 0, 59, []) &&
    fieldMatches(hour!, date.getUTCHours(), 0, 23, []) &&
    fieldMatches(month!, date.getUTCMonth() + 1, 1, 12, names.month, undefined, 1)
  );
}

function fieldMatches(field: string, value: number, min: number, openMax: number, names: string[], monthLength?: number, nameBase = 0): boolean {
  const number = (token: string) => (names.includes(token) ? names.indexOf(token) + nameBase : Number(token));
  return field.split(',').some((item) => {
    if (item === 'L') return value === monthLength;
    const [range, stepText] = item.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    let low: number;
    let high: number;
    if (range === '*' || range === '?') [low, high] = [min, openMax];
    else if (range.includes('-')) [low, high] = range.split('-').map(number) as [number, number];
    else [low, high] = [number(range), stepText === undefined ? number(range) : openMax];
    return value >= low && value <= high && (value - low) % step === 0;
  });
}

/** mulberry32: a tiny seeded PRNG, so every run checks the same cases. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function randomExpression(random: () => number): string {
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const part = (low: number, high: number, names: readonly string[] = [], nameBase = 0): string => {
    const token = (v: number) => (names.length > 0 && random() < 0.4 ? names[v - nameBase]! : String(v));
    const a = int(low, high);
    const b = int(a, high);
    switch (int(0, 6)) {
      case 0: return '*';
      case 1: return token(a);
      case 2: return `${token(a)}-${token(b)}`;
      case 3: return `*/${int(1, Math.max(1, high - low))}`;
      case 4: return `${a}/${int(1, 20)}`;
      case 5: return `${a}-${b}/${int(1, 5)}`;
      default: return [...new Set([a, int(low, high), int(low, high)])].map(token).join(',');
    }
  };
  const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
  const days = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
  // Days of month stop at 28 (or L) so that every expression fires at some time.
  const dom = pick(['*', '?', 'L', part(1, 28), part(1, 28)]);
  const dow = pick(['*', '?', part(0, 6, days), part(0, 6, days), '7', '5-7']);
  const time = [part(0, 59), part(0, 59), part(0, 23)];
  const month = part(1, 12, months, 1);
  return random() < 0.5 ? [...time, dom, month, dow].join(' ') : [...time.slice(1), dom, month, dow].join(' ');
}

t.test('should always return a later, matching time, with no matching minute skipped', async (t) => {
  const random = prng(20261201);
  const from = Date.UTC(1970, 0, 1);
  const to = Date.UTC(2100, 0, 1);
  const failures: string[] = [];
  let checked = 0;
  let scanned = 0;
  for (let e = 0; e < 250; e++) {
    const expression = randomExpression(random);
    for (let i = 0; i < 12; i++) {
      const after = new Date(from + Math.floor(random() * (to - from)));
      const found = nextCronTime(expression, after);
      checked++;
      if (!found) failures.push(`${expression} after ${after.toISOString()}: none`);
      else if (found <= after) failures.push(`${expression} after ${after.toISOString()}: ${found.toISOString()} is not later`);
      else if (!cronMatches(expression, found)) failures.push(`${expression} after ${after.toISOString()}: ${found.toISOString()} does not match`);
      else if (found.getTime() - after.getTime() <= 6 * 3_600_000) {
        scanned++;
        const earlier = firstMatchBetween(expression, after, found);
        if (earlier) failures.push(`${expression} after ${after.toISOString()}: ${earlier.toISOString()} matches before ${found.toISOString()}`);
      }
    }
  }
  t.same(failures, [], `${checked} times checked, ${scanned} scanned for earlier matches`);
  t.ok(scanned > 100, 'enough short gaps to scan');
});

/** Scans the whole seconds strictly between two times, skipping minutes whose minute-level fields cannot match. */
function firstMatchBetween(expression: string, after: Date, before: Date): Date | undefined {
  const firstSecond = Math.floor(after.getTime() / 1000) * 1000 + 1000;
  for (let minute = Math.floor(firstSecond / 60_000) * 60_000; minute < before.getTime(); minute += 60_000) {
    if (!cronMatches(expression.replace(/^\S+(?=(\s+\S+){5}$)/, '*'), new Date(minute))) continue;
    for (let s = Math.max(minute, firstSecond); s < Math.min(minute + 60_000, before.getTime()); s += 1000) {
      if (cronMatches(expression, new Date(s))) return new Date(s);
    }
  }
  return undefined;
}

t.test('should accept a parsed schedule as well as text', async (t) => {
  const parsed = parseCron('0 30 9 * * *');
  t.ok(parsed.ok);
  const schedule = (parsed as { value: CronSchedule }).value;
  t.equal(nextCronTime(schedule, new Date('2026-01-01T10:00:00Z'))?.toISOString(), '2026-01-02T09:30:00.000Z');
});
