import { nextCronTime, parseCron, type CronSchedule } from './cron.js';
import { parseIsoDateTime } from './iso-date-time.js';
import { addDuration, parseIsoDuration } from './iso-duration.js';
import { firstOccurrence, nextOccurrence, parseRepeatingInterval, type RepeatingInterval } from './iso-repeating-interval.js';

/**
 * When BPMN timers fire: the public face of engine/timers. Pure — `now` is always passed
 * in — so the runtime can store a `TimerDue` with the timer's subscription and a poller
 * can compare `dueAt` with its own clock.
 *
 * Life cycle: `checkTimerText` at deployment (for texts that are not FEEL expressions),
 * `firstDue` when the timer is created, then after each firing of a cycle `nextDue` with
 * the `TimerDue` that fired, until it returns null.
 */
export type TimerType = 'date' | 'duration' | 'cycle';

/** Where the timer stands: when it fires next and how many more times after that (null: forever). */
export interface TimerDue {
  readonly dueAt: string;
  readonly remaining: number | null;
}

export type TimerOutcome = { readonly ok: true; readonly value: TimerDue } | { readonly ok: false; readonly message: string };

/**
 * The first firing of a timer of this type and text, counted from `now`. A date in the
 * past is due at once (its `dueAt` is that date). A cycle with a start in the past skips
 * the occurrences before `now`, using up their repetitions.
 */
export function firstDue(type: TimerType, text: string, now: Date): TimerOutcome {
  const source = text.trim();
  switch (type) {
    case 'date': {
      const date = parseIsoDateTime(source);
      return date.ok ? due(date.value, 0, source) : date;
    }
    case 'duration': {
      const duration = parseIsoDuration(source);
      return duration.ok ? due(addDuration(now, duration.value), 0, source) : duration;
    }
    case 'cycle': {
      const cycle = parseCycle(source);
      if (!cycle.ok) return cycle;
      if (cycle.kind === 'cron') {
        const next = nextCronTime(cycle.schedule, new Date(now.getTime() - 1));
        return next ? due(next, null, source) : neverFires(source);
      }
      if (cycle.interval.repetitions === 0) return neverFires(source);
      const first = firstOccurrence(cycle.interval, now);
      if (!first) return { ok: false, message: `Expected the timer cycle '${source}' to have an occurrence at or after ${now.toISOString()}, but it has none left` };
      return due(first.at, first.remaining, source);
    }
  }
}

/**
 * The firing after one that was due at `previous.dueAt` (a cycle only): null when the
 * cycle is used up. The next occurrence keeps the cycle's rhythm (previous due time plus
 * the interval, not fired time plus the interval) but never lies before `now`: missed
 * occurrences are skipped and use up repetitions, so a timer does not fire a burst after
 * downtime. A text that is not a valid cycle (date and duration timers included) or a
 * `dueAt` that is not a date also give null: there is nothing further to schedule.
 */
export function nextDue(text: string, previous: TimerDue, now: Date): TimerDue | null {
  if (previous.remaining === 0) return null;
  const previousAt = new Date(previous.dueAt);
  const cycle = parseCycle(text.trim());
  if (!cycle.ok || Number.isNaN(previousAt.getTime())) return null;
  if (cycle.kind === 'cron') {
    // Strictly after the previous firing, and at or after now (cron times are whole seconds).
    const after = Math.max(previousAt.getTime(), now.getTime() - 1);
    const next = nextCronTime(cycle.schedule, new Date(after));
    return next ? { dueAt: next.toISOString(), remaining: null } : null;
  }
  const next = nextOccurrence(cycle.interval, { at: previousAt, remaining: previous.remaining }, now);
  return next ? { dueAt: next.at.toISOString(), remaining: next.remaining } : null;
}

/**
 * Syntax check at deployment time (no clock): undefined when valid, else the problem. A
 * cycle that can never fire (`R0/…`, `0 0 0 31 2 *`) is reported too, since whatever the
 * clock says it is a modelling mistake.
 */
export function checkTimerText(type: TimerType, text: string): string | undefined {
  const source = text.trim();
  if (type === 'date') return problemOf(parseIsoDateTime(source));
  if (type === 'duration') return problemOf(parseIsoDuration(source));
  const cycle = parseCycle(source);
  if (!cycle.ok) return cycle.message;
  if (cycle.kind === 'interval' && cycle.interval.repetitions === 0) return neverFires(source).message;
  // Any fixed moment will do: cron matches repeat every 400 years (see cron.ts).
  if (cycle.kind === 'cron' && !nextCronTime(cycle.schedule, new Date(0))) return neverFires(source).message;
  return undefined;
}

// helpers //////

type CycleParse =
  | { readonly ok: true; readonly kind: 'cron'; readonly schedule: CronSchedule }
  | { readonly ok: true; readonly kind: 'interval'; readonly interval: RepeatingInterval }
  | { readonly ok: false; readonly message: string };

/**
 * ISO repeating intervals start with 'R', which no cron field can; a cron expression has
 * several fields or is a macro. Anything else matches neither, and the message says so.
 */
function parseCycle(text: string): CycleParse {
  if (/^R/i.test(text)) {
    const interval = parseRepeatingInterval(text);
    return interval.ok ? { ok: true, kind: 'interval', interval: interval.value } : interval;
  }
  if (text.startsWith('@') || /\s/.test(text)) {
    const cron = parseCron(text);
    return cron.ok ? { ok: true, kind: 'cron', schedule: cron.value } : cron;
  }
  return { ok: false, message: `Expected an ISO 8601 repeating interval like 'R5/PT10M' or a cron expression like '0 0 9 * * MON-FRI', but got '${text}'` };
}

function due(at: Date, remaining: number | null, text: string): TimerOutcome {
  if (Number.isNaN(at.getTime())) return { ok: false, message: `Expected the timer '${text}' to fall within the supported date range, but it does not` };
  return { ok: true, value: { dueAt: at.toISOString(), remaining } };
}

function neverFires(text: string): { readonly ok: false; readonly message: string } {
  return { ok: false, message: `Expected the timer cycle '${text}' to fire at least once, but it never does` };
}

function problemOf(parse: { readonly ok: boolean; readonly message?: string }): string | undefined {
  return parse.ok ? undefined : parse.message;
}
