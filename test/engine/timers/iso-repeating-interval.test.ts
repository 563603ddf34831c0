import t from 'tap';
import { firstOccurrence, nextOccurrence, parseRepeatingInterval, type Occurrence, type RepeatingInterval } from '../../../engine/timers/iso-repeating-interval.js';

const parse = (text: string): RepeatingInterval => {
  const parsed = parseRepeatingInterval(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const problem = (text: string): string | undefined => {
  const parsed = parseRepeatingInterval(text);
  return parsed.ok ? undefined : parsed.message;
};
const show = (o: Occurrence | undefined) => o && { at: o.at.toISOString(), remaining: o.remaining };
const NOW = new Date('2026-12-01T10:00:00.000Z');

t.test('should read the repetitions, the interval, and a start or an end', async (t) => {
  t.same(parse('R5/PT10M'), { repetitions: 5, interval: { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 10, seconds: 0, milliseconds: 0 } });
  t.equal(parse('R/PT1H').repetitions, null);
  t.equal(parse('R0/PT1H').repetitions, 0);
  t.equal(parse('R3/2026-12-01T09:00:00Z/P1D').start?.toISOString(), '2026-12-01T09:00:00.000Z');
  t.equal(parse('R2/PT1H/2026-12-01T09:00:00Z').end?.toISOString(), '2026-12-01T09:00:00.000Z');
  t.equal(parse('r/2026-12-01T09:00:00[America/New_York]/p1d').start?.toISOString(), '2026-12-01T14:00:00.000Z', 'a zone id with a slash');
});

t.test('should refuse what is not a repeating interval, naming the text', async (t) => {
  t.match(problem('R5'), /^Expected an ISO 8601 repeating interval like 'R5\/PT10M', .* but got 'R5'/);
  t.match(problem('RX/PT1H'), /^Expected an ISO 8601 repeating interval/);
  t.match(problem('R5/PT10M/2026-12-01T09:00:00Z/P1D'), /^Expected an ISO 8601 repeating interval/);
  t.match(problem('R5/2026-12-01T09:00:00Z'), /Expected a duration after the repetitions/);
  t.match(problem('R5/2026-12-01T09:00:00Z/2026-12-02T09:00:00Z'), /\(start and end only\)/);
  t.equal(problem('R5/P1Q'), "Expected an ISO 8601 duration like 'PT15M', but got 'P1Q' (in the timer cycle 'R5/P1Q')");
  t.match(problem('R5/-PT10M'), /non-negative/);
  t.match(problem('R/PT0S'), /duration longer than zero/);
  t.match(problem('R3/2026-02-30T09:00:00Z/P1D'), /day that exists in its month, but got '2026-02-30T09:00:00Z' \(in the timer cycle/);
  t.match(problem('R99999999999999999999/PT1H'), /repetition count of a sensible size/);
});

t.test('should start one interval after now when no start is given', async (t) => {
  t.same(show(firstOccurrence(parse('R5/PT10M'), NOW)), { at: '2026-12-01T10:10:00.000Z', remaining: 4 });
  t.same(show(firstOccurrence(parse('R/PT1H'), NOW)), { at: '2026-12-01T11:00:00.000Z', remaining: null });
  t.same(show(firstOccurrence(parse('R1/P1M'), new Date('2026-01-31T00:00:00Z'))), { at: '2026-02-28T00:00:00.000Z', remaining: 0 });
  t.equal(firstOccurrence(parse('R0/PT1H'), NOW), undefined);
});

t.test('should start at a future start, and skip forward from a past one using up repetitions', async (t) => {
  t.same(show(firstOccurrence(parse('R3/2026-12-02T09:00:00Z/P1D'), NOW)), { at: '2026-12-02T09:00:00.000Z', remaining: 2 });
  t.same(show(firstOccurrence(parse('R3/2026-12-01T10:00:00Z/P1D'), NOW)), { at: '2026-12-01T10:00:00.000Z', remaining: 2 }, 'a start at now is not skipped');
  t.same(show(firstOccurrence(parse('R3/2026-11-30T09:00:00Z/P1D'), NOW)), { at: '2026-12-02T09:00:00.000Z', remaining: 0 });
  t.equal(firstOccurrence(parse('R3/2026-11-28T09:00:00Z/P1D'), NOW), undefined, 'all three before now');
  t.same(show(firstOccurrence(parse('R/2000-01-01T00:00:00Z/PT1S'), NOW)), { at: '2026-12-01T10:00:00.000Z', remaining: null }, 'jumps, not steps');
  t.same(show(firstOccurrence(parse('R/2000-01-31T09:00:00Z/P1M'), NOW)), { at: '2026-12-28T09:00:00.000Z', remaining: null }, 'month steps drift to the 28th after February');
  t.same(show(firstOccurrence(parse('R400/2000-01-01T09:00:00Z/P1M'), NOW)), { at: '2027-01-01T09:00:00.000Z', remaining: 75 }, '324 monthly occurrences skipped');
});

t.test('should stop at the end date and count only the occurrences before it', async (t) => {
  t.same(show(firstOccurrence(parse('R/PT1H/2026-12-01T13:30:00Z'), NOW)), { at: '2026-12-01T11:00:00.000Z', remaining: 2 });
  t.same(show(firstOccurrence(parse('R2/PT1H/2026-12-01T13:30:00Z'), NOW)), { at: '2026-12-01T11:00:00.000Z', remaining: 1 });
  t.same(show(firstOccurrence(parse('R5/PT1H/2026-12-01T11:00:00Z'), NOW)), { at: '2026-12-01T11:00:00.000Z', remaining: 0 }, 'the end itself is allowed');
  t.equal(firstOccurrence(parse('R5/PT1H/2026-12-01T10:30:00Z'), NOW), undefined);
  t.same(show(firstOccurrence(parse('R/P1M/2027-03-31T00:00:00Z'), new Date('2026-12-31T00:00:00Z'))), { at: '2027-01-31T00:00:00.000Z', remaining: 2 });
});

t.test('should step from the previous occurrence and end when used up', async (t) => {
  const cycle = parse('R3/PT10M');
  const first = firstOccurrence(cycle, NOW)!;
  const second = nextOccurrence(cycle, first, first.at)!;
  const third = nextOccurrence(cycle, second, second.at)!;
  t.same([first, second, third].map(show), [
    { at: '2026-12-01T10:10:00.000Z', remaining: 2 },
    { at: '2026-12-01T10:20:00.000Z', remaining: 1 },
    { at: '2026-12-01T10:30:00.000Z', remaining: 0 },
  ]);
  t.equal(nextOccurrence(cycle, third, third.at), undefined);
});
