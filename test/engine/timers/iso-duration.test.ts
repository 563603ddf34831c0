import t from 'tap';
import { addDuration, fixedMilliseconds, parseIsoDuration, type IsoDuration } from '../../../engine/timers/iso-duration.js';

const parse = (text: string): IsoDuration => {
  const parsed = parseIsoDuration(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const problem = (text: string): string | undefined => {
  const parsed = parseIsoDuration(text);
  return parsed.ok ? undefined : parsed.message;
};
const add = (from: string, duration: string): string => addDuration(new Date(from), parse(duration)).toISOString();
const zero = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, milliseconds: 0 };

t.test('should read every unit', async (t) => {
  t.same(parse('PT15M'), { ...zero, minutes: 15 });
  t.same(parse('P2D'), { ...zero, days: 2 });
  t.same(parse('P2W'), { ...zero, weeks: 2 });
  t.same(parse('P1Y2M3DT4H5M6.5S'), { years: 1, months: 2, weeks: 0, days: 3, hours: 4, minutes: 5, seconds: 6, milliseconds: 500 });
  t.same(parse('PT0.001S'), { ...zero, milliseconds: 1 });
  t.same(parse('PT1,25S'), { ...zero, seconds: 1, milliseconds: 250 });
  t.same(parse('PT0.0009S'), zero, 'below a millisecond is truncated');
  t.same(parse('pt1h'), { ...zero, hours: 1 }, 'lower case, as Java accepts');
  t.same(parse('P1M'), { ...zero, months: 1 }, 'M before T is months');
  t.same(parse('PT1M'), { ...zero, minutes: 1 }, 'M after T is minutes');
  t.same(parse('PT0S'), zero);
});

t.test('should refuse malformed and negative durations, naming the text', async (t) => {
  t.equal(problem('P1Q'), "Expected an ISO 8601 duration like 'PT15M', but got 'P1Q'");
  t.equal(problem('-PT5M'), "Expected a non-negative ISO 8601 duration like 'PT15M', but got '-PT5M'");
  for (const text of ['', 'P', 'PT', 'P1DT', '15M', 'PT-5M', 'P1.5D', 'PT1.5H', 'P1D2Y', 'PT1S2M', 'P 1D', 'PT15M ']) {
    t.match(problem(text), /^Expected an ISO 8601 duration like 'PT15M'/, JSON.stringify(text));
  }
  t.match(problem('P99999999999999999999D'), /numbers of a sensible size/);
});

t.test('should add time units as exact milliseconds', async (t) => {
  t.equal(add('2026-01-01T00:00:00.000Z', 'PT15M'), '2026-01-01T00:15:00.000Z');
  t.equal(add('2026-01-01T23:59:59.500Z', 'PT0.5S'), '2026-01-02T00:00:00.000Z');
  t.equal(add('2026-01-01T00:00:00.000Z', 'PT36H'), '2026-01-02T12:00:00.000Z');
  t.equal(add('2026-01-01T00:00:00.000Z', 'PT90M'), '2026-01-01T01:30:00.000Z');
});

t.test('should add months calendar-wise, clamping to the end of the month', async (t) => {
  t.equal(add('2026-01-31T10:00:00.000Z', 'P1M'), '2026-02-28T10:00:00.000Z');
  t.equal(add('2028-01-31T10:00:00.000Z', 'P1M'), '2028-02-29T10:00:00.000Z', 'leap year');
  t.equal(add('2026-03-31T10:00:00.000Z', 'P1M'), '2026-04-30T10:00:00.000Z');
  t.equal(add('2026-05-15T10:00:00.000Z', 'P1M'), '2026-06-15T10:00:00.000Z');
  t.equal(add('2026-12-31T10:00:00.000Z', 'P2M'), '2027-02-28T10:00:00.000Z', 'across the year');
  t.equal(add('2026-11-30T00:00:00.000Z', 'P14M'), '2028-01-30T00:00:00.000Z');
  t.equal(add('2026-01-31T00:00:00.000Z', 'P1M1D'), '2026-03-01T00:00:00.000Z', 'months first, then days');
});

t.test('should add years with 29 February falling back to the 28th', async (t) => {
  t.equal(add('2024-02-29T00:00:00.000Z', 'P1Y'), '2025-02-28T00:00:00.000Z');
  t.equal(add('2024-02-29T00:00:00.000Z', 'P4Y'), '2028-02-29T00:00:00.000Z');
  t.equal(add('2024-02-29T00:00:00.000Z', 'P12M'), '2025-02-28T00:00:00.000Z');
});

t.test('should add days and weeks as whole UTC days, whatever daylight saving does elsewhere', async (t) => {
  t.equal(add('2026-03-28T12:00:00.000Z', 'P1D'), '2026-03-29T12:00:00.000Z', 'Europe springs forward that night');
  t.equal(add('2026-10-24T12:00:00.000Z', 'P1D'), '2026-10-25T12:00:00.000Z');
  t.equal(add('2028-02-28T12:00:00.000Z', 'P1D'), '2028-02-29T12:00:00.000Z');
  t.equal(add('2026-02-28T12:00:00.000Z', 'P1D'), '2026-03-01T12:00:00.000Z');
  t.equal(add('2026-12-25T00:00:00.000Z', 'P2W'), '2027-01-08T00:00:00.000Z');
  t.equal(add('2026-01-31T10:00:00.000Z', 'P1Y2M3DT4H5M6.5S'), '2027-04-03T14:05:06.500Z');
});

t.test('should give the fixed length of durations without months or years only', async (t) => {
  t.equal(fixedMilliseconds(parse('P1W1DT1H1M1.5S')), 8 * 86_400_000 + 3_661_500);
  t.equal(fixedMilliseconds(parse('P1M')), undefined);
  t.equal(fixedMilliseconds(parse('P1Y')), undefined);
});

t.test('should give an Invalid Date beyond the range of dates', async (t) => {
  t.ok(Number.isNaN(addDuration(new Date('2026-01-01T00:00:00Z'), parse('P999999999Y')).getTime()));
});
