import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { CommandApplied } from '../../engine/index.js';
import type { NotificationBus } from '../db/notifications.js';

declare module 'fastify' {
  interface FastifyInstance {
    jobWakeups: JobWakeups;
  }
}

/** NOTIFY channel announcing job types that got work: `{"node": id, "types": [..] | null}` (null: any type). */
export const JOBS_CHANNEL = 'ff_engine_jobs';

/** A NOTIFY payload must stay under 8000 bytes; past this, announce "any type" instead. */
const MAX_PAYLOAD = 7000;

/** A long poll also looks again this often, in case a notification was lost (e.g. a dropped LISTEN connection). */
const SAFETY_POLL_MS = 5000;

interface Waiter {
  readonly types: ReadonlySet<string>;
  readonly wake: () => void;
}

/**
 * Wakes whoever waits for jobs when jobs appear, on every node. After a command commits
 * that created jobs (or made a failed one runnable again), the types go out on
 * `JOBS_CHANNEL`; every node listens and wakes its long-polling fetches waiting for those
 * types and kicks its internal job loop. The committing node wakes its own waiters at
 * once and ignores its own echo (its engine already kicked its loop).
 */
export class JobWakeups {
  private readonly node = randomUUID();
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  constructor(
    private readonly bus: NotificationBus,
    private readonly kickJobs: () => void,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Decorates the app, starts listening, and releases every waiting request when the server closes. */
  async attach(app: FastifyInstance): Promise<void> {
    app.decorate<JobWakeups>('jobWakeups', this);
    const unlisten = await this.bus.listen(JOBS_CHANNEL, (payload) => this.heard(payload));
    // preClose: before the HTTP server waits for in-flight requests, or long polls would hold it open.
    app.addHook('preClose', async () => this.releaseAll());
    app.addHook('onClose', async () => unlisten());
  }

  /** Told of every committed command (the engine's onCommitted). */
  committed(applied: readonly CommandApplied[]): void {
    const types = jobTypesOf(applied);
    if (types.length > 0) this.announce(types);
  }

  /** Wakes local waiters for these types and tells the other nodes. */
  announce(types: readonly string[]): void {
    this.wake(new Set(types));
    const body = JSON.stringify({ node: this.node, types });
    const payload = body.length <= MAX_PAYLOAD ? body : JSON.stringify({ node: this.node, types: null });
    this.bus.notify(JOBS_CHANNEL, payload).catch((error: unknown) => this.log.warn({ err: error }, 'job wake-up not announced'));
  }

  /**
   * Resolves when a job of one of `types` may have appeared, after `ms`, when `signal`
   * aborts, or when the server closes — whichever comes first. Subscribe before looking
   * for work and wait after (see `pollForWork`), so a wake-up in between is not lost.
   */
  subscribe(types: readonly string[], signal: AbortSignal): { readonly until: (ms: number) => Promise<void>; readonly cancel: () => void } {
    let woken = false;
    let resolve: (() => void) | undefined;
    const waiter: Waiter = {
      types: new Set(types),
      wake: () => {
        woken = true;
        resolve?.();
      },
    };
    const cancel = () => {
      this.waiters.delete(waiter);
      signal.removeEventListener('abort', waiter.wake);
    };
    if (this.closed || signal.aborted) woken = true;
    else {
      this.waiters.add(waiter);
      signal.addEventListener('abort', waiter.wake, { once: true });
    }
    const until = (ms: number) =>
      new Promise<void>((done) => {
        if (woken) return done();
        const timer = setTimeout(done, ms);
        resolve = () => {
          clearTimeout(timer);
          done();
        };
      });
    return { until, cancel };
  }

  /** How many requests wait right now (tests, metrics). */
  get waiting(): number {
    return this.waiters.size;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Wakes every waiter for good: the server is closing. */
  releaseAll(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) waiter.wake();
    this.waiters.clear();
  }

  private heard(payload: string): void {
    let message: { node?: unknown; types?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return; // not ours
    }
    if (message.node === this.node) return;
    this.wake(Array.isArray(message.types) ? new Set(message.types.map(String)) : null);
    this.kickJobs();
  }

  private wake(types: ReadonlySet<string> | null): void {
    for (const waiter of [...this.waiters]) {
      if (types === null || [...waiter.types].some((type) => types.has(type))) {
        this.waiters.delete(waiter);
        waiter.wake();
      }
    }
  }
}

/**
 * Job types that got runnable work in these commands: new jobs, failed jobs with retries
 * left (runnable now or after their backoff), and jobs given retries again when an
 * incident was resolved. Each type once.
 */
export function jobTypesOf(applied: readonly CommandApplied[]): string[] {
  const types = new Set<string>();
  for (const { state, events } of applied) {
    for (const event of events) {
      if (event.type === 'job-created') types.add(event.payload.type);
      else if ((event.type === 'job-failed' || event.type === 'job-retries-updated') && event.payload.retries > 0) {
        const job = state.jobs[event.payload.jobKey];
        if (job) types.add(job.type);
      }
    }
  }
  return [...types];
}

export interface PollOptions<T> {
  readonly types: readonly string[];
  /** Total wait in ms (0: look once). */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** Looks for work once; an empty array means none. */
  readonly fetch: () => Promise<T[]>;
  /** Milliseconds until some job of the types becomes runnable by the passing of time, or null. */
  readonly nextDueIn: () => Promise<number | null>;
}

/**
 * A long poll: looks for work; while there is none, sleeps until a wake-up for its types,
 * the moment a known job becomes due, or the deadline; then looks again. Gives up with
 * `[]` at the deadline, when the client went away, or when the server closes.
 */
export async function pollForWork<T>(wakeups: JobWakeups, options: PollOptions<T>): Promise<T[]> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (options.signal.aborted || wakeups.isClosed) return [];
    const wait = wakeups.subscribe(options.types, options.signal);
    try {
      const found = await options.fetch();
      const left = deadline - Date.now();
      if (found.length > 0 || left <= 0) return found;
      const due = await options.nextDueIn();
      // A few ms past the due time: the database's clock decides, and it must have passed it.
      await wait.until(Math.min(left, SAFETY_POLL_MS, due === null ? Infinity : due + 5));
    } finally {
      wait.cancel();
    }
  }
}
