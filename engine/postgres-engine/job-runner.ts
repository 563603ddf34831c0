import { sql, type Kysely } from 'kysely';
import { reject } from '../errors/codes.js';
import { executeJob } from '../driver/execute-job.js';
import type { JobHandler } from '../driver/job-handler.js';
import { jobVariables } from '../runtime/views.js';
import type { Command } from '../runtime/commands.js';
import type { CommandExecutor, Executed, JobReport } from './command-executor.js';
import type { InstanceState } from '../state/instance-state.js';
import type { EngineTables, JobKind, TimerColumn } from './tables.js';
import { nextDue } from '../timers/index.js';

/** Claimed jobs run this many at a time: a job waits on the database or a remote service most of its time. */
const PARALLEL_JOBS = 8;

/** Reports of one claim share transactions of about this many: each costs a few statements whatever its size. */
const REPORTS_PER_TRANSACTION = 16;

const VOID_TIMER: ReadonlySet<string> = new Set(['ENG_ERR_SUBSCRIPTION_NOT_FOUND', 'ENG_ERR_INSTANCE_NOT_FOUND', 'ENG_ERR_INSTANCE_NOT_ACTIVE']);

async function inLanes<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_JOBS, items.length) }, lane));
}

export interface JobRunnerOptions {
  readonly handlers: Readonly<Record<string, JobHandler>>;
  /** Identifies this node in the jobs table (who holds a lock). */
  readonly workerId: string;
  /** How long a claimed job stays ours; after that another worker may take it. */
  readonly leaseMs: number;
  readonly retryBackoffMs: number;
  /** Told of each reported job's committed commands (or its rejection). */
  readonly onExecuted?: (executed: Executed) => void;
  /** Told when running a claimed job threw (the database went away, a handler's report failed). */
  readonly onError?: (error: unknown) => void;
}

interface Claimed {
  key: string;
  kind: JobKind;
  instance_id: string | null;
  definition_id: string | null;
  type: string;
  retries: number;
  fencing_token: number;
  timer: TimerColumn | null;
  due_at: Date;
  /** The instance's state when the job was claimed (null for a timer start event). */
  instance: InstanceState | null;
}

/**
 * Runs jobs that built-in handlers serve. A claim marks due jobs locked under a lease and
 * raises their fencing token in one statement (`FOR UPDATE SKIP LOCKED`: concurrent
 * workers take different jobs); the handler runs outside any transaction; its outcome is
 * reported as a command that is applied only if the job still carries our token — a
 * worker whose lease ran out and whose job was taken over cannot report.
 */
export class JobRunner {
  constructor(
    private readonly db: Kysely<EngineTables>,
    private readonly executor: CommandExecutor,
    private readonly options: JobRunnerOptions,
  ) {}

  /**
   * Claims and runs up to `limit` due jobs (work for built-in handlers, and timers);
   * returns how many ran. A bigger claim commits more reports together, but a node that
   * dies mid-claim leaves that many jobs to run again after its lease: 64 weighs the two.
   */
  async runDue(limit = 64): Promise<number> {
    const claimed = await this.claim(Object.keys(this.options.handlers), limit);
    const startTimers = claimed.filter((job) => job.kind === 'timer-start');
    const rest = claimed.filter((job) => job.kind !== 'timer-start');
    await Promise.all([inLanes(startTimers, (job) => this.runOne(job)), rest.length > 0 ? this.runWork(rest).catch((error) => this.options.onError?.(error)) : undefined]);
    return claimed.length;
  }

  /**
   * Work jobs and instance timers of one claim: the instances came with the claim, the
   * handlers run side by side, and the reports (a job's outcome, a timer's trigger) go to
   * the database together — most in one statement guarded by instance version and fencing
   * token, the others in a few locking transactions side by side, each holding whole
   * instances. Should such a transaction fail as a whole (a deadlock, a lost connection),
   * its reports are sent one by one.
   */
  private async runWork(claimed: readonly Claimed[]): Promise<void> {
    const now = new Date();
    const reports: Array<{ job: Claimed; command: Command }> = claimed
      .filter((job) => job.kind === 'timer')
      .map((job) => ({ job, command: { type: 'trigger-subscription', now, subscriptionKey: job.key } }));
    const states = new Map<string, InstanceState>();
    for (const job of claimed) if (job.instance) states.set(job.instance.id, job.instance);
    await inLanes(
      claimed.filter((job) => job.kind === 'work'),
      async (job) => {
        const state = job.instance;
        const open = state?.jobs[job.key];
        if (!state || !open) return; // the instance moved on (cancelled) since the job was created
        const context = {
          key: job.key, type: job.type, retries: job.retries, headers: open.headers, variables: jobVariables(state, job.key),
          instanceId: state.id, processKey: state.processKey, definitionId: state.definitionId, businessKey: state.businessKey,
          elementId: open.elementId, elementInstanceKey: open.elementInstanceKey,
        };
        reports.push({ job, command: await executeJob(this.options.handlers[job.type]!, context, { now: () => new Date(), retryBackoffMs: this.options.retryBackoffMs }) });
      },
    );
    // Most reports go out in one statement, on the states read with the claim; the rest
    // (their instance moved on meanwhile, or they need more than rows) take the locking path.
    const byKey = new Map(reports.map((report) => [report.job.key, report]));
    const { applied, rest } = await this.executor.executeJobReportsAtOnce(reports.map(({ job, command }) => this.jobReport(job, command)), states);
    if (applied.length > 0) this.options.onExecuted?.({ ok: true, result: applied[0]!, all: applied });
    await this.reportInGroups(rest.map((report) => byKey.get(report.jobKey)!));
  }

  /** Reports through locking transactions: those of one instance together and in order, groups of instances side by side. */
  private async reportInGroups(reports: ReadonlyArray<{ job: Claimed; command: Command }>): Promise<void> {
    const groups = new Map<string, Array<{ job: Claimed; command: Command }>>();
    for (const report of reports) {
      const group = groups.get(report.job.instance_id!);
      if (group) group.push(report);
      else groups.set(report.job.instance_id!, [report]);
    }
    const chunks: Array<Array<{ job: Claimed; command: Command }>> = Array.from({ length: Math.min(PARALLEL_JOBS, Math.ceil(groups.size / REPORTS_PER_TRANSACTION)) }, () => []);
    [...groups.keys()].sort().forEach((id, index) => chunks[index % chunks.length]!.push(...groups.get(id)!));
    await Promise.all(chunks.map((chunk) => this.report(chunk)));
  }

  /**
   * Reports in one transaction (one commit for many jobs): written together when they are
   * plain (distinct instances, nothing beyond the instances themselves), else command by
   * command; if the transaction fails as a whole, each on its own.
   */
  private async report(reports: ReadonlyArray<{ job: Claimed; command: Command }>): Promise<void> {
    if (new Set(reports.map((r) => r.job.instance_id)).size === reports.length) {
      const batch = await this.executor
        .executeJobReports(reports.map(({ job, command }) => this.jobReport(job, command)))
        .catch((error: unknown) => {
          this.options.onError?.(error);
          return 'one-by-one' as const;
        });
      if (batch !== 'one-by-one') {
        if (batch.length > 0) this.options.onExecuted?.({ ok: true, result: batch[0]!, all: batch });
        return;
      }
    }
    try {
      const committed = await this.executor.transaction(async (tx) => {
        for (const { job, command } of reports) {
          const sent = await tx.send(job.instance_id!, command, this.holdsLock(job));
          // A timer whose instance moved on without closing it (it ended) is void.
          if (!sent.ok && job.kind === 'timer' && VOID_TIMER.has(sent.code)) await tx.trx.deleteFrom('engine_jobs').where('key', '=', job.key).where('fencing_token', '=', job.fencing_token).execute();
        }
        return tx.committed;
      });
      if (committed.length > 0) this.options.onExecuted?.({ ok: true, result: committed[0]!, all: committed });
    } catch {
      for (const { job, command } of reports) {
        try {
          this.options.onExecuted?.(await this.executor.execute(job.instance_id!, command, this.holdsLock(job)));
        } catch (error) {
          this.options.onError?.(error);
        }
      }
    }
  }

  private jobReport(job: Claimed, command: Command): JobReport {
    return { instanceId: job.instance_id!, command, jobKey: job.key, fencingToken: job.fencing_token, workerId: this.options.workerId, isTimer: job.kind === 'timer' };
  }

  /** Milliseconds until the next timer or job of ours is due (null: none waits), by the database clock. */
  async nextDueIn(): Promise<number | null> {
    const types = Object.keys(this.options.handlers);
    const { rows } = await sql<{ ms: number | string | null }>`
      select extract(epoch from min(due_at) - now()) * 1000 as ms from engine_jobs
      where state = 'activatable' and (kind <> 'work' or type = any(${types}::text[]))`.execute(this.db);
    const ms = rows[0]?.ms;
    return ms === null || ms === undefined ? null : Math.max(0, Number(ms));
  }

  /** Runs due jobs until none is left (jobs that completions create included). */
  async drain(maxRounds = 1000): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round++) {
      const ran = await this.runDue();
      if (ran === 0) break;
      total += ran;
    }
    return total;
  }

  /**
   * Claims due jobs and reads their instances' states in the same statement (a snapshot:
   * reports check the version before they write). Three index ranges, each skipping rows
   * other workers hold: due timers (they fire first, oldest first), due work of each of
   * our types by priority then due time, and jobs whose lease ran out. Of those, the first
   * `limit` are taken, and run in that order; the rest are left as they were.
   */
  private async claim(types: string[], limit: number): Promise<Claimed[]> {
    const result = await sql<Claimed>`
      with timers as (
        select key, 1 as timer, 0 as priority, due_at from engine_jobs
        where state = 'activatable' and kind <> 'work' and due_at <= now()
        order by due_at limit ${limit} for update skip locked
      ), work as (
        select w.key, 0 as timer, w.priority, w.due_at from unnest(${types}::text[]) as t(type)
        cross join lateral (
          select key, priority, due_at from engine_jobs
          where state = 'activatable' and kind = 'work' and type = t.type and due_at <= now()
          order by priority desc, due_at limit ${limit} for update skip locked) w
      ), expired as (
        select key, case when kind = 'work' then 0 else 1 end as timer, priority, lock_expires_at as due_at from engine_jobs
        where state = 'locked' and lock_expires_at < now() and (kind <> 'work' or type = any(${types}::text[]))
        order by lock_expires_at limit ${limit} for update skip locked
      ), picked as (
        select key from (select * from timers union all select * from work union all select * from expired) c
        order by timer desc, priority desc, due_at limit ${limit}
      ), claimed as (
        update engine_jobs set state = 'locked', worker = ${this.options.workerId},
          lock_expires_at = now() + ${`${this.options.leaseMs} milliseconds`}::interval, fencing_token = fencing_token + 1
        where key in (select key from picked)
        returning key, kind, instance_id, definition_id, type, retries, fencing_token, timer, due_at, priority)
      select c.key, c.kind, c.instance_id, c.definition_id, c.type, c.retries, c.fencing_token, c.timer, c.due_at, i.data as instance
      from claimed c left join engine_process_instances i on i.id = c.instance_id
      order by c.kind = 'work', c.priority desc, c.due_at`.execute(this.db);
    return result.rows;
  }

  /** A timer start event; a failure must not stop the rest of the claim (the lease runs out and it is claimed again). */
  private async runOne(job: Claimed): Promise<void> {
    try {
      await this.fireStartTimer(job);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  /** A timer start event is due: start an instance and schedule the next occurrence, in one transaction. */
  private async fireStartTimer(job: Claimed): Promise<void> {
    const timer = job.timer;
    if (!timer?.elementId || !job.definition_id) return;
    const now = new Date();
    const executed = await this.executor.transaction(async (tx) => {
      const refused = await this.holdsLock(job)(tx.trx);
      if (refused) return refused;
      const next = timer.text && timer.remaining !== 0 ? nextDue(timer.text, { dueAt: job.due_at.toISOString(), remaining: timer.remaining }, now) : null;
      if (next) {
        await tx.trx
          .updateTable('engine_jobs')
          .set({ due_at: new Date(next.dueAt), state: 'activatable', worker: null, lock_expires_at: null, timer: JSON.stringify({ ...timer, remaining: next.remaining }) })
          .where('key', '=', job.key)
          .execute();
      } else {
        await tx.trx.deleteFrom('engine_jobs').where('key', '=', job.key).execute();
      }
      const started = await tx.send(null, { type: 'start-instance', now, definitionId: job.definition_id!, startElementId: timer.elementId!, variables: {} });
      return started.ok ? { ok: true as const, result: started.result, all: tx.committed } : started;
    });
    this.options.onExecuted?.(executed);
  }

  /** Inside the command's transaction: the job still carries our token (our lease did not run out and pass to another node). */
  private holdsLock(job: Claimed) {
    return async (trx: Kysely<EngineTables>) => {
      const current = await trx.selectFrom('engine_jobs').select(['fencing_token', 'worker']).where('key', '=', job.key).forUpdate().executeTakeFirst();
      if (current?.fencing_token === job.fencing_token && current.worker === this.options.workerId) return undefined;
      return reject('ENG_ERR_JOB_NOT_FOUND', `Expected job '${job.key}' to be locked by this worker, but its lock expired and it was taken over`);
    };
  }
}
