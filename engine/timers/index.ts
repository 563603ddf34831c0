/**
 * BPMN timer schedules (ISO 8601 dates, durations, repeating intervals and cron), pure:
 * every function takes `now` instead of reading a clock.
 */
export { firstDue, nextDue, checkTimerText, type TimerType, type TimerDue, type TimerOutcome } from './timer-schedule.js';
export { nextCronTime, parseCron, type CronSchedule } from './cron.js';
export { addDuration, fixedMilliseconds, parseIsoDuration, type IsoDuration } from './iso-duration.js';
export { parseIsoDateTime } from './iso-date-time.js';
export { parseRepeatingInterval, type RepeatingInterval } from './iso-repeating-interval.js';
