import t from 'tap';
import { checkTimerText, firstDue, nextDue, type TimerDue, type TimerOutcome } from '../../../engine/timers/index.js';

const NOW = new Date('2026-01-31T10:00:00.000Z');
const due = (dueAt: string, remaining: number | null): TimerOutcome => ({ ok: true, value: { dueAt, remaining } });
const at = (iso: string) => new Date(iso);
/** Fires a cycle on time, again and again: the dueAt of each firing. */
const firings = (text: string, now: Date, max: number): string[] => {
  const first = firstDue('cycle', text, now);
  if (!first.ok) return [];
  const times = [first.value.dueAt];
  for (let current: TimerDue | null = first.value; times.length < max; ) {
    current = nextDue(text, current, new Date(current.dueAt));
    if (!current) break;
    times.push(current.dueAt);
  }
  return times;
};

t.test('should give a date timer its date, in the past too, with nothing after it', async (t) => {
  t.same(firstDue('date', '2026-12-01T09:00:00Z', NOW), due('2026-12-01T09:00:00.000Z', 0));
  t.same(firstDue('date', ' 2026-12-01T09:00:00+01:00 ', NOW), due('2026-12-01T08:00:00.000Z', 0), 'FEEL results may carry spaces');
  t.same(firstDue('date', '2026-12-01T09:00:00[Europe/Berlin]', NOW), due('2026-12-01T08:00:00.000Z', 0));
  t.same(firstDue('date', '2020-01-01T00:00:00Z', NOW), due('2020-01-01T00:00:00.000Z', 0), 'overdue: fires at once');
  t.same(firstDue('date', 'next monday', NOW), { ok: false, message: "Expected an ISO 8601 date-time like '2026-12-01T09:00:00Z', but got 'next monday'" });
  t.equal(nextDue('2026-12-01T09:00:00Z', { dueAt: '2026-12-01T09:00:00.000Z', remaining: 0 }, NOW), null);
});

t.test('should count a duration timer from now', async (t) => {
  t.same(firstDue('duration', 'PT15M', NOW), due('2026-01-31T10:15:00.000Z', 0));
  t.same(firstDue('duration', 'P1M', NOW), due('2026-02-28T10:00:00.000Z', 0), 'month end clamped');
  t.same(firstDue('duration', 'P1M', at('2028-01-31T10:00:00Z')), due('2028-02-29T10:00:00.000Z', 0), 'leap year');
  t.same(firstDue('duration', 'PT0.25S', at('2026-01-31T10:00:00.900Z')), due('2026-01-31T10:00:01.150Z', 0), 'millisecond precision');
  t.same(firstDue('duration', 'P1Q', NOW), { ok: false, message: "Expected an ISO 8601 duration like 'PT15M', but got 'P1Q'" });
  t.same(firstDue('duration', '-PT5M', NOW), { ok: false, message: "Expected a non-negative ISO 8601 duration like 'PT15M', but got '-PT5M'" });
  t.same(firstDue('duration', 'P999999999Y', NOW), { ok: false, message: "Expected the timer 'P999999999Y' to fall within the supported date range, but it does not" });
});

t.test('should run an ISO cycle to its last repetition, then stop', async (t) => {
  t.same(firstDue('cycle', 'R5/PT10M', NOW), due('2026-01-31T10:10:00.000Z', 4));
  t.same(firings('R5/PT10M', NOW, 10), ['2026-01-31T10:10:00.000Z', '2026-01-31T10:20:00.000Z', '2026-01-31T10:30:00.000Z', '2026-01-31T10:40:00.000Z', '2026-01-31T10:50:00.000Z']);
  t.same(firings('R1/PT10M', NOW, 10), ['2026-01-31T10:10:00.000Z']);
  t.same(firings('R/PT1H', NOW, 3), ['2026-01-31T11:00:00.000Z', '2026-01-31T12:00:00.000Z', '2026-01-31T13:00:00.000Z']);
  t.same(firstDue('cycle', 'R/PT1H', NOW), due('2026-01-31T11:00:00.000Z', null));
  t.same(firings('R3/2026-02-01T09:00:00Z/P1D', NOW, 10), ['2026-02-01T09:00:00.000Z', '2026-02-02T09:00:00.000Z', '2026-02-03T09:00:00.000Z']);
  t.same(firings('R4/2026-01-31T00:00:00Z/P1M', at('2026-01-30T00:00:00Z'), 10), ['2026-01-31T00:00:00.000Z', '2026-02-28T00:00:00.000Z', '2026-03-28T00:00:00.000Z', '2026-04-28T00:00:00.000Z'], "the cycle's own rhythm: each month from the one before");
  t.same(firings('R/PT1H/2026-01-31T13:00:00Z', NOW, 10), ['2026-01-31T11:00:00.000Z', '2026-01-31T12:00:00.000Z', '2026-01-31T13:00:00.000Z'], 'stops at the end date');
  t.same(firstDue('cycle', 'R/PT1H/2026-01-31T13:00:00Z', NOW), due('2026-01-31T11:00:00.000Z', 2));
});

t.test('should skip the occurrences of a past start, using up repetitions', async (t) => {
  t.same(firstDue('cycle', 'R3/2026-01-30T09:00:00Z/P1D', NOW), due('2026-02-01T09:00:00.000Z', 0));
  t.same(firstDue('cycle', 'R/2026-01-01T09:00:00Z/PT1H', NOW), due('2026-01-31T10:00:00.000Z', null), 'an occurrence exactly at now fires now');
  t.same(firstDue('cycle', 'R/2026-01-01T09:00:00Z/PT1H', at('2026-01-31T10:00:00.001Z')), due('2026-01-31T11:00:00.000Z', null));
  t.same(firstDue('cycle', 'R3/2026-01-20T09:00:00Z/P1D', NOW), {
    ok: false,
    message: "Expected the timer cycle 'R3/2026-01-20T09:00:00Z/P1D' to have an occurrence at or after 2026-01-31T10:00:00.000Z, but it has none left",
  });
});

t.test('should never fire R0 or an impossible cron', async (t) => {
  t.same(firstDue('cycle', 'R0/PT1H', NOW), { ok: false, message: "Expected the timer cycle 'R0/PT1H' to fire at least once, but it never does" });
  t.same(firstDue('cycle', 'R0/2026-02-01T00:00:00Z/P1D', NOW), { ok: false, message: "Expected the timer cycle 'R0/2026-02-01T00:00:00Z/P1D' to fire at least once, but it never does" });
  t.same(firstDue('cycle', '0 0 0 31 2 *', NOW), { ok: false, message: "Expected the timer cycle '0 0 0 31 2 *' to fire at least once, but it never does" });
});

t.test('should keep the rhythm after downtime without a burst, using up missed repetitions', async (t) => {
  // Due 10:10 with four more to come; the engine was down until 10:35.
  t.same(nextDue('R5/PT10M', { dueAt: '2026-01-31T10:10:00.000Z', remaining: 4 }, at('2026-01-31T10:35:00Z')), { dueAt: '2026-01-31T10:40:00.000Z', remaining: 1 });
  t.same(nextDue('R5/PT10M', { dueAt: '2026-01-31T10:10:00.000Z', remaining: 4 }, at('2026-01-31T10:40:00Z')), { dueAt: '2026-01-31T10:40:00.000Z', remaining: 1 }, 'due exactly now');
  t.equal(nextDue('R5/PT10M', { dueAt: '2026-01-31T10:10:00.000Z', remaining: 4 }, at('2026-01-31T11:00:00Z')), null, 'all missed');
  t.same(nextDue('R/PT1H', { dueAt: '2026-01-01T00:00:00.000Z', remaining: null }, NOW), { dueAt: '2026-01-31T10:00:00.000Z', remaining: null });
  t.same(nextDue('R/PT1H', { dueAt: '2026-01-31T09:00:00.000Z', remaining: null }, at('2026-01-31T09:30:00Z')), { dueAt: '2026-01-31T10:00:00.000Z', remaining: null }, 'fired late: rhythm kept');
  t.same(nextDue('R/P1M', { dueAt: '2025-10-31T00:00:00.000Z', remaining: null }, NOW), { dueAt: '2026-02-28T00:00:00.000Z', remaining: null });
});

t.test('should end a cycle that has nothing remaining, and anything that is not a cycle', async (t) => {
  t.equal(nextDue('R5/PT10M', { dueAt: '2026-01-31T10:50:00.000Z', remaining: 0 }, NOW), null);
  t.equal(nextDue('PT10M', { dueAt: '2026-01-31T10:50:00.000Z', remaining: 3 }, NOW), null);
  t.equal(nextDue('R5/PT10M', { dueAt: 'not a date', remaining: 3 }, NOW), null);
});

t.test('should run a cron cycle forever, on whole seconds, from now', async (t) => {
  t.same(firstDue('cycle', '0 0 9 * * MON-FRI', NOW), due('2026-02-02T09:00:00.000Z', null), 'NOW is a Saturday');
  t.same(firstDue('cycle', '0 0 10 * * *', NOW), due('2026-01-31T10:00:00.000Z', null), 'a match exactly at now fires now');
  t.same(firstDue('cycle', '0 0 10 * * *', at('2026-01-31T10:00:00.001Z')), due('2026-02-01T10:00:00.000Z', null));
  t.same(firstDue('cycle', '0 0 0 L * *', NOW), due('2026-02-28T00:00:00.000Z', null), 'January 31st began before now');
  t.same(firstDue('cycle', '@monthly', NOW), due('2026-02-01T00:00:00.000Z', null));
  t.same(firstDue('cycle', '*/30 * * * *', NOW), due('2026-01-31T10:00:00.000Z', null));
  t.same(firings('0 */15 * * * *', NOW, 3), ['2026-01-31T10:00:00.000Z', '2026-01-31T10:15:00.000Z', '2026-01-31T10:30:00.000Z']);
  t.same(firings('0 0 12 ? * WED', NOW, 2), ['2026-02-04T12:00:00.000Z', '2026-02-11T12:00:00.000Z']);
  t.same(nextDue('0 0 * * * *', { dueAt: '2026-01-31T06:00:00.000Z', remaining: null }, at('2026-01-31T09:59:59.500Z')), { dueAt: '2026-01-31T10:00:00.000Z', remaining: null }, 'missed hours skipped');
  t.same(nextDue('0 0 * * * *', { dueAt: '2026-01-31T10:00:00.000Z', remaining: null }, at('2026-01-31T09:59:58Z')), { dueAt: '2026-01-31T11:00:00.000Z', remaining: null }, 'strictly after the previous one');
});

t.test('should say which cycle texts are neither ISO nor cron', async (t) => {
  const message = "Expected an ISO 8601 repeating interval like 'R5/PT10M' or a cron expression like '0 0 9 * * MON-FRI', but got 'PT1H'";
  t.same(firstDue('cycle', 'PT1H', NOW), { ok: false, message });
  t.match(firstDue('cycle', '0 0 25 * * *', NOW), { ok: false, message: /hour field/ });
  t.match(firstDue('cycle', 'R5/P1Q', NOW), { ok: false, message: /but got 'P1Q' \(in the timer cycle 'R5\/P1Q'\)/ });
});

t.test('should check timer texts at deployment without a clock', async (t) => {
  t.equal(checkTimerText('date', '2026-12-01T09:00:00Z'), undefined);
  t.equal(checkTimerText('date', '2026-12-01T09:00:00[Europe/Berlin]'), undefined);
  t.match(checkTimerText('date', '2026-12-01'), /^Expected an ISO 8601 date-time/);
  t.equal(checkTimerText('duration', 'P1Y2M3DT4H5M6.5S'), undefined);
  t.equal(checkTimerText('duration', 'P1Q'), "Expected an ISO 8601 duration like 'PT15M', but got 'P1Q'");
  for (const text of ['R5/PT10M', 'R/PT1H', 'R3/2020-01-01T09:00:00Z/P1D', 'R2/PT1H/2020-01-01T09:00:00Z', '0 0 9 * * MON-FRI', '0 9 * * 1-5', '@hourly', '0 0 0 29 2 *']) {
    t.equal(checkTimerText('cycle', text), undefined, text);
  }
  t.match(checkTimerText('cycle', 'R0/PT1H'), /never does/);
  t.match(checkTimerText('cycle', '0 0 0 30 2 *'), /never does/);
  t.match(checkTimerText('cycle', 'R/PT0S'), /longer than zero/);
  t.match(checkTimerText('cycle', 'every day'), /^Expected a cron expression with 6 fields/);
});
