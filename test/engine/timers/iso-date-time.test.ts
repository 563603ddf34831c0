import t from 'tap';
import { daysInMonth, isLeapYear, parseIsoDateTime, utcDate } from '../../../engine/timers/iso-date-time.js';

const iso = (text: string): string | undefined => {
  const parsed = parseIsoDateTime(text);
  return parsed.ok ? parsed.value.toISOString() : undefined;
};
const problem = (text: string): string | undefined => {
  const parsed = parseIsoDateTime(text);
  return parsed.ok ? undefined : parsed.message;
};

t.test('should read date-times with Z, an offset or no zone (UTC)', async (t) => {
  t.equal(iso('2026-12-01T09:00:00Z'), '2026-12-01T09:00:00.000Z');
  t.equal(iso('2026-12-01T09:00:00z'), '2026-12-01T09:00:00.000Z');
  t.equal(iso('2026-12-01T09:00:00'), '2026-12-01T09:00:00.000Z');
  t.equal(iso('2026-12-01T09:00'), '2026-12-01T09:00:00.000Z');
  t.equal(iso('2026-12-01T09:00:00+01:00'), '2026-12-01T08:00:00.000Z');
  t.equal(iso('2026-12-01T09:00:00-05:30'), '2026-12-01T14:30:00.000Z');
  t.equal(iso('2026-12-01T09:00:00+0100'), '2026-12-01T08:00:00.000Z');
  t.equal(iso('2026-12-01T09:00:00+01'), '2026-12-01T08:00:00.000Z');
  t.equal(iso('2026-12-01T00:30:00+01:00'), '2026-11-30T23:30:00.000Z');
});

t.test('should keep fractions of a second to the millisecond, truncating the rest', async (t) => {
  t.equal(iso('2026-12-01T09:00:00.5Z'), '2026-12-01T09:00:00.500Z');
  t.equal(iso('2026-12-01T09:00:00,25Z'), '2026-12-01T09:00:00.250Z');
  t.equal(iso('2026-12-01T09:00:00.123456789Z'), '2026-12-01T09:00:00.123Z');
});

t.test('should accept 29 February only in leap years', async (t) => {
  t.equal(iso('2024-02-29T00:00:00Z'), '2024-02-29T00:00:00.000Z');
  t.equal(iso('2000-02-29T00:00:00Z'), '2000-02-29T00:00:00.000Z');
  t.match(problem('2026-02-29T00:00:00Z'), /day that exists in its month, but got '2026-02-29T00:00:00Z'/);
  t.match(problem('1900-02-29T00:00:00Z'), /day that exists/);
  t.match(problem('2026-04-31T00:00:00Z'), /day that exists/);
  t.match(problem('2026-13-01T00:00:00Z'), /day that exists/);
});

t.test('should keep years below 100 as written', async (t) => {
  t.equal(iso('0099-01-01T00:00:00Z'), '0099-01-01T00:00:00.000Z');
  t.equal(utcDate(50, 3, 1).getUTCFullYear(), 50);
});

t.test('should resolve a zone id in brackets through Intl', async (t) => {
  t.equal(iso('2026-12-01T09:00:00[Europe/Berlin]'), '2026-12-01T08:00:00.000Z', 'winter: +01:00');
  t.equal(iso('2026-07-01T09:00:00[Europe/Berlin]'), '2026-07-01T07:00:00.000Z', 'summer: +02:00');
  t.equal(iso('2026-07-01T09:00:00[America/New_York]'), '2026-07-01T13:00:00.000Z');
  t.equal(iso('2026-07-01T09:00:00[UTC]'), '2026-07-01T09:00:00.000Z');
  t.equal(iso('2026-07-01T09:00:00+02:00[Europe/Berlin]'), '2026-07-01T07:00:00.000Z', 'offset and zone agree');
});

t.test('should refuse zone times that do not resolve to exactly one instant', async (t) => {
  t.match(problem('2026-03-29T02:30:00[Europe/Berlin]'), /does not exist there \(a clock change skips it\); add an offset like '\+01:00'/);
  t.match(problem('2026-10-25T02:30:00[Europe/Berlin]'), /is ambiguous there/);
  t.equal(iso('2026-10-25T02:30:00+01:00[Europe/Berlin]'), '2026-10-25T01:30:00.000Z', 'an offset settles the overlap');
  t.equal(iso('2026-10-25T02:30:00+02:00[Europe/Berlin]'), '2026-10-25T00:30:00.000Z');
  t.match(problem('2026-07-01T09:00:00+01:00[Europe/Berlin]'), /to be the offset of 'Europe\/Berlin' at that time/);
  t.equal(problem('2026-07-01T09:00:00[Mars/Olympus]'), "Expected a time zone id known to Intl like 'Europe/Berlin', but got 'Mars/Olympus' in '2026-07-01T09:00:00[Mars/Olympus]'");
});

t.test('should refuse what is not an ISO 8601 date-time, naming the text', async (t) => {
  t.equal(problem('tomorrow'), "Expected an ISO 8601 date-time like '2026-12-01T09:00:00Z', but got 'tomorrow'");
  for (const text of ['', '2026-12-01', '2026-12-01 09:00:00Z', '20261201T090000Z', '2026-12-01T9:00:00Z', '2026-12-01T09:00:00+1:00', '2026-12-01T09:00:00Z[']) {
    t.match(problem(text), /^Expected an ISO 8601 date-time like/, text);
  }
  t.match(problem('2026-12-01T24:00:00Z'), /from 00:00:00 to 23:59:59/);
  t.match(problem('2026-12-01T23:59:60Z'), /from 00:00:00 to 23:59:59/);
  t.match(problem('2026-12-01T09:00:00+19:00'), /offset from -18:00 to \+18:00/);
});

t.test('should know month lengths and leap years', async (t) => {
  t.same([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m)), [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  t.equal(daysInMonth(2028, 2), 29);
  t.same([1900, 2000, 2024, 2026, 2100].map(isLeapYear), [false, true, true, false, false]);
});
