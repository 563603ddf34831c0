import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { reject, type Rejection } from '../errors/codes.js';
import { followUpOf, type FollowUp } from '../driver/follow-ups.js';
import type { ExpressionLanguage } from '../ports/expression-language.js';
import type { DeployedProcess, ProcessBinding, ProcessLookup } from '../ports/process-lookup.js';
import type { Command, CommandOf } from '../runtime/commands.js';
import { processCommand, type CommandApplied, type CommandResult } from '../runtime/process-command.js';
import type { InstanceState } from '../state/instance-state.js';
import type { DefinitionCache } from './definition-cache.js';
import { loadDefinition, loadKey } from './definition-store.js';
import { eventFollowUps } from './event-router.js';
import { planCommandResult, writeCommandResult, writeGuardedPlans, writePlans, type WriteGuard, type WritePlan } from './row-writer.js';
import { StartBatcher } from './start-batcher.js';
import type { EngineTables } from './tables.js';

type Trx = Kysely<EngineTables>;

/** A check run inside the command's transaction, after the instance is locked (e.g. a job's fencing token). */
export type CommandGuard = (trx: Trx) => Promise<Rejection | undefined>;

/** Every command that committed, the first being the one asked for (the rest are follow-ups). */
export type Executed = { readonly ok: true; readonly result: CommandApplied; readonly all: readonly CommandApplied[] } | Rejection;

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/** A claimed job's outcome, to report only while the job still carries the claim's token. */
export interface JobReport {
  readonly instanceId: string;
  readonly command: Command;
  readonly jobKey: string;
  readonly fencingToken: number;
  readonly workerId: string;
  /** A timer's row goes when its instance no longer waits for it (it moved on or ended). */
  readonly isTimer?: boolean;
}

const VOID_TIMER: ReadonlySet<string> = new Set(['ENG_ERR_SUBSCRIPTION_NOT_FOUND', 'ENG_ERR_INSTANCE_NOT_FOUND', 'ENG_ERR_INSTANCE_NOT_ACTIVE']);

/** Rolls a batch back to be sent one command at a time. */
const ONE_BY_ONE = Symbol('one-by-one');
const MAX_ATTEMPTS = 4;

/**
 * Runs commands against stored instances. One transaction per command: lock the instance
 * row, run the pure core, write the rows; then the follow-ups the events ask for (start a
 * called child, report a child's end to its parent, cancel a child) in the same
 * transaction, so a crash leaves either all of it or none. Locks are taken in the order
 * the work flows; when two commands still deadlock, PostgreSQL aborts one and it is
 * retried here.
 */
export class CommandExecutor {
  private readonly ids = { next: () => randomUUID() };
  private readonly starts: StartBatcher;

  constructor(
    private readonly db: Kysely<EngineTables>,
    private readonly cache: DefinitionCache,
    private readonly expressions?: ExpressionLanguage,
  ) {
    this.starts = new StartBatcher(db);
  }

  /**
   * Starts an instance. When the start writes only new rows and asks nothing of other
   * instances (the common case), its rows join the next group write (see StartBatcher):
   * one atomic statement, no transaction, no lock — nobody else can know the instance
   * yet. Otherwise the start runs like any other command.
   */
  async start(command: CommandOf<'start-instance'>): Promise<Executed> {
    if (!this.cache.has(command.definitionId)) await loadDefinition(this.db, this.cache, command.definitionId, this.expressions);
    const lookup = new RecordingLookup(this.cache);
    const result = processCommand({ processes: lookup, ids: this.ids }, null, command);
    if (!result.ok) return result;
    if (lookup.missedKeys.size === 0 && followUps(result, command.now).length === 0 && !result.events.some(needsRouting)) {
      const plan = planCommandResult(this.db, null, result.state, result.events);
      if (plan.updates.length === 0) {
        await this.starts.write(plan.rows);
        return { ok: true, result, all: [result] };
      }
    }
    // Nothing was written: the pure command runs again inside a transaction.
    return this.execute(null, command);
  }

  /**
   * Reports of claimed jobs of distinct instances in one transaction, as few statements
   * as the rows allow: every instance and job row locked by one statement each, the pure
   * commands run in memory, their rows written together (see writePlans). A report whose
   * job is no longer ours is dropped. 'one-by-one': the batch asks for more than this path
   * does (follow-ups, messages, a process to load) — nothing was written; send each alone.
   */
  async executeJobReports(reports: readonly JobReport[]): Promise<CommandApplied[] | 'one-by-one'> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute((trx) => this.jobReports(trx, reports));
      } catch (error) {
        if (error === ONE_BY_ONE) return 'one-by-one';
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }

  /**
   * Reports computed on the instance states read with the claim, written by one statement
   * that applies each only while its instance is still at the version read and its job is
   * still ours (see writeGuardedPlans): no transaction round trips, no lock held while Node
   * works. Returns what was written and the reports left for executeJobReports — those whose
   * instance moved on or whose job was taken over since the claim (that path re-reads and
   * decides), and those that ask for more than rows (follow-ups, messages, a process to load,
   * a rejection such as a void timer, or a second report for the same instance).
   */
  async executeJobReportsAtOnce(reports: readonly JobReport[], claimedStates: ReadonlyMap<string, InstanceState>): Promise<{ applied: CommandApplied[]; rest: JobReport[] }> {
    const perInstance = new Map<string, number>();
    for (const report of reports) perInstance.set(report.instanceId, (perInstance.get(report.instanceId) ?? 0) + 1);
    const rest: JobReport[] = [];
    const entries: Array<{ report: JobReport; result: CommandApplied; guard: WriteGuard; plan: WritePlan }> = [];
    for (const report of reports) {
      const before = claimedStates.get(report.instanceId);
      if (!before || perInstance.get(report.instanceId)! > 1 || !this.cache.has(before.definitionId)) {
        rest.push(report);
        continue;
      }
      const lookup = new RecordingLookup(this.cache);
      const result = processCommand({ processes: lookup, ids: this.ids }, before, report.command);
      const plan = result.ok ? planCommandResult(this.db, before, result.state, result.events) : null;
      if (!result.ok || !plan || lookup.missedKeys.size > 0 || followUps(result, report.command.now).length > 0 || result.events.some(needsRouting) || plan.updates.some((u) => u.kind === 'other')) {
        rest.push(report);
        continue;
      }
      entries.push({ report, result, plan, guard: { instanceId: report.instanceId, version: before.version, jobKey: report.jobKey, fencingToken: report.fencingToken, workerId: report.workerId } });
    }
    if (entries.length === 0) return { applied: [], rest };
    const written = await writeGuardedPlans(this.db, entries).catch((error: unknown) => {
      if (RETRYABLE.has((error as { code?: string }).code ?? '')) return new Set<string>(); // the locking path retries them
      throw error;
    });
    for (const entry of entries) if (!written.has(entry.report.instanceId)) rest.push(entry.report);
    return { applied: entries.filter((entry) => written.has(entry.report.instanceId)).map((entry) => entry.result), rest };
  }

  private async jobReports(trx: Trx, reports: readonly JobReport[]): Promise<CommandApplied[]> {
    const ids = [...new Set(reports.map((r) => r.instanceId))].sort();
    const rows = await trx.selectFrom('engine_process_instances').select(['id', 'data']).where('id', 'in', ids).orderBy('id').forUpdate().execute();
    const jobs = await trx.selectFrom('engine_jobs').select(['key', 'fencing_token', 'worker']).where('key', 'in', reports.map((r) => r.jobKey)).orderBy('key').forUpdate().execute();
    const states = new Map(rows.map((row) => [row.id, row.data]));
    const held = new Map(jobs.map((job) => [job.key, job]));
    const applied: CommandApplied[] = [];
    const plans = [];
    const voidTimers: string[] = [];
    for (const report of reports) {
      const job = held.get(report.jobKey);
      const before = states.get(report.instanceId);
      if (job?.fencing_token !== report.fencingToken || job.worker !== report.workerId) continue; // taken over: not ours to report
      if (!before) {
        if (report.isTimer) voidTimers.push(report.jobKey);
        continue;
      }
      if (!this.cache.has(before.definitionId)) throw ONE_BY_ONE;
      const lookup = new RecordingLookup(this.cache);
      const result = processCommand({ processes: lookup, ids: this.ids }, before, report.command);
      if (!result.ok) {
        if (report.isTimer && VOID_TIMER.has(result.code)) voidTimers.push(report.jobKey);
        continue;
      }
      if (lookup.missedKeys.size > 0 || followUps(result, report.command.now).length > 0 || result.events.some(needsRouting)) throw ONE_BY_ONE;
      plans.push(planCommandResult(trx, before, result.state, result.events));
      applied.push(result);
    }
    await writePlans(trx, plans);
    if (voidTimers.length > 0) await trx.deleteFrom('engine_jobs').where('key', 'in', voidTimers).execute();
    return applied;
  }

  async execute(instanceId: string | null, command: Command, guard?: CommandGuard): Promise<Executed> {
    return this.transaction(async (tx) => {
      const first = await tx.send(instanceId, command, guard);
      return first.ok ? { ok: true, result: first.result, all: tx.committed } : first;
    });
  }

  /**
   * Run `work` in one transaction whose commands (and all their follow-ups) commit
   * together: a publish that starts and triggers several instances, a timer start that
   * reschedules itself. Retried as a whole on deadlock or serialization failure.
   */
  async transaction<T>(work: (tx: CommandTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute((trx) => work(new CommandTransaction(trx, (i, c, g) => this.apply(trx, i, c, g))));
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }

  private async apply(trx: Trx, instanceId: string | null, command: Command, guard?: CommandGuard): Promise<{ ok: true; result: CommandApplied } | Rejection> {
    const before = instanceId === null ? null : await lockInstance(trx, instanceId);
    if (instanceId !== null && before === null) return reject('ENG_ERR_INSTANCE_NOT_FOUND', `Expected a process instance '${instanceId}', but found none`);
    // Checked under the instance lock: no concurrent command can change what the guard reads.
    const refused = guard && (await guard(trx));
    if (refused) return refused;
    const definitionId = before?.definitionId ?? (command.type === 'start-instance' ? command.definitionId : undefined);
    if (definitionId && !this.cache.has(definitionId)) await loadDefinition(trx, this.cache, definitionId, this.expressions);

    // The core looks processes up synchronously. A call activity may name a key this node
    // has not loaded yet (deployed elsewhere): load it and run the pure command again.
    let result: CommandResult;
    for (let round = 1; ; round++) {
      const lookup = new RecordingLookup(this.cache);
      result = processCommand({ processes: lookup, ids: this.ids }, before, command);
      if (lookup.missedKeys.size === 0 || round === 3) break;
      for (const key of lookup.missedKeys) await loadKey(trx, this.cache, key, this.expressions);
    }
    if (!result.ok) return result;
    await writeCommandResult(trx, before, result.state, result.events);
    return { ok: true, result };
  }
}

async function lockInstance(trx: Trx, instanceId: string): Promise<InstanceState | null> {
  const row = await trx.selectFrom('engine_process_instances').select('data').where('id', '=', instanceId).forUpdate().executeTakeFirst();
  return row ? row.data : null;
}

function followUps(applied: CommandApplied, now: Date) {
  return applied.events.map((event) => followUpOf(event, now)).filter((f) => f !== null);
}

type Apply = (instanceId: string | null, command: Command, guard?: CommandGuard) => Promise<{ ok: true; result: CommandApplied } | Rejection>;

/**
 * Commands inside one transaction. Each command's follow-ups run right after it, in the
 * same transaction: the pure ones (called children, parents) and those that need the
 * database (messages and signals thrown, buffered messages for new subscriptions).
 */
export class CommandTransaction {
  /** Every command that was applied, in order (follow-ups included). */
  readonly committed: CommandApplied[] = [];

  constructor(
    readonly trx: Trx,
    private readonly applyOne: Apply,
  ) {}

  async send(instanceId: string | null, command: Command, guard?: CommandGuard): Promise<{ ok: true; result: CommandApplied } | Rejection> {
    const first = await this.applyOne(instanceId, command, guard);
    if (!first.ok) return first;
    this.committed.push(first.result);
    const queue = await this.followUpsOf(first.result, command.now);
    for (let next = queue.shift(); next; next = queue.shift()) {
      const applied = await this.applyOne(next.instanceId, next.command);
      if (!applied.ok) continue; // e.g. cancelling a child that already ended, a subscription already triggered
      this.committed.push(applied.result);
      queue.push(...(await this.followUpsOf(applied.result, command.now)));
    }
    return first;
  }

  private async followUpsOf(applied: CommandApplied, now: Date): Promise<FollowUp[]> {
    const pure = followUps(applied, now);
    if (!applied.events.some(needsRouting)) return pure;
    return [...pure, ...(await eventFollowUps(this.trx, applied, now))];
  }
}

function needsRouting(event: CommandApplied['events'][number]): boolean {
  return event.type === 'message-published' || event.type === 'signal-broadcast' || (event.type === 'subscription-opened' && event.payload.subscription.kind === 'message');
}

/** A lookup that remembers which keys it could not answer. */
class RecordingLookup implements ProcessLookup {
  readonly missedKeys = new Set<string>();
  constructor(private readonly cache: DefinitionCache) {}
  byDefinitionId(definitionId: string): DeployedProcess | undefined {
    return this.cache.byDefinitionId(definitionId);
  }
  byKey(processKey: string, binding: ProcessBinding): DeployedProcess | undefined {
    const found = this.cache.byKey(processKey, binding);
    if (!found) this.missedKeys.add(processKey);
    return found;
  }
}
