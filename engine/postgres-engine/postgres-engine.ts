import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { reject, type Rejection } from '../errors/codes.js';
import type { JobHandler } from '../driver/job-handler.js';
import { rulesJobHandler } from '../driver/rules-job-handler.js';
import { ASYNC_CONTINUATION_JOB_TYPE, RULES_JOB_TYPE } from '../model/index.js';
import { continueAsync } from '../driver/async-continuation.js';
import type { ExpressionLanguage } from '../ports/expression-language.js';
import type { RuleEvaluator } from '../ports/rule-evaluator.js';
import type { Command, CommandOf } from '../runtime/commands.js';
import type { CommandApplied } from '../runtime/process-command.js';
import type { JsonObject } from '../state/json-value.js';
import { CommandExecutor, type CommandTransaction, type Executed } from './command-executor.js';
import { routeMessage, routeSignal, type Routed } from './event-router.js';
import { DefinitionCache } from './definition-cache.js';
import { deploy, latestDefinitionId, loadDefinition, type DeploymentRequest } from './definition-store.js';
import { createExternalTasks } from './external-tasks.js';
import { JobRunner } from './job-runner.js';
import * as queries from './queries.js';
import type { EngineTables } from './tables.js';

export interface PostgresEngineOptions {
  /** A kysely instance whose database has the engine's tables (see `engineMigrations`). */
  readonly db: Kysely<any>;
  /** Built-in job workers by job type (service tasks' `zeebe:taskDefinition type`). */
  readonly handlers?: Readonly<Record<string, JobHandler>>;
  readonly ruleEvaluator?: RuleEvaluator;
  readonly expressions?: ExpressionLanguage;
  readonly leaseMs?: number;
  readonly retryBackoffMs?: number;
  /** How often idle workers look for due jobs (ms). */
  readonly pollMs?: number;
  /**
   * Told of every command that committed (follow-ups included), after the commit: for
   * live updates. Not called for rejected commands; errors it throws are ignored.
   */
  readonly onCommitted?: (applied: readonly CommandApplied[]) => void;
  /** Told when running a claimed job or timer threw (it is claimed again after its lease). */
  readonly onJobError?: (error: unknown) => void;
}

export type InstanceOutcome = { readonly ok: true; readonly id: string; readonly state: string } | Rejection;

/**
 * The engine over PostgreSQL: deployments, commands in transactions, queries, and a job
 * loop that runs built-in handlers in the background (`start`/`stop`).
 */
export function createPostgresEngine(options: PostgresEngineOptions) {
  const db = options.db as Kysely<EngineTables>;
  const cache = new DefinitionCache();
  const executor = new CommandExecutor(db, cache, options.expressions);
  const handlers: Record<string, JobHandler> = { ...options.handlers };
  if (options.ruleEvaluator && !handlers[RULES_JOB_TYPE]) handlers[RULES_JOB_TYPE] = rulesJobHandler(options.ruleEvaluator);
  handlers[ASYNC_CONTINUATION_JOB_TYPE] = continueAsync;
  const jobs = new JobRunner(db, executor, {
    handlers,
    workerId: `node-${randomUUID()}`,
    leaseMs: options.leaseMs ?? 5 * 60_000,
    retryBackoffMs: options.retryBackoffMs ?? 10_000,
    onExecuted: (executed) => void outcomeOf(executed),
    onError: options.onJobError,
  });
  const loop = new JobLoop(async () => {
    await jobs.drain();
    return jobs.nextDueIn();
  }, options.pollMs ?? 1000);

  async function send(instanceId: string | null, command: Command): Promise<InstanceOutcome> {
    return outcomeOf(await executor.execute(instanceId, command));
  }

  function outcomeOf(executed: Executed): InstanceOutcome {
    if (!executed.ok) return executed;
    announce(executed.all);
    return { ok: true, id: executed.result.state.id, state: executed.result.state.state };
  }

  /** After a commit: tell the listener, and wake the job loop when there is new work or a new timer. */
  function announce(all: readonly CommandApplied[]): void {
    try {
      options.onCommitted?.(all);
    } catch {
      // A listener's failure must not turn a committed command into an error.
    }
    if (all.some((applied) => applied.events.some(schedulesWork))) loop.kick();
  }

  /** Sends a command to the instance holding a task; tells "completed before" from "never existed". */
  async function onTask(taskKey: string, command: () => Command): Promise<InstanceOutcome> {
    const row = await db.selectFrom('engine_user_tasks').select(['instance_id', 'state']).where('key', '=', taskKey).executeTakeFirst();
    if (row && row.state === 'created') {
      const outcome = await send(row.instance_id, command());
      if (outcome.ok || outcome.code !== 'ENG_ERR_TASK_NOT_FOUND') return outcome;
    }
    const now = await db.selectFrom('engine_user_tasks').select('state').where('key', '=', taskKey).executeTakeFirst();
    if (now?.state === 'completed') return reject('ENG_ERR_TASK_ALREADY_COMPLETED', `Expected task '${taskKey}' to be open, but it was completed before`);
    return reject('ENG_ERR_TASK_NOT_FOUND', `Expected an open task '${taskKey}', but found none${now ? ' (it was cancelled)' : ''}`);
  }

  return {
    async deploy(request: DeploymentRequest) {
      const outcome = await deploy(db, cache, request, options.expressions);
      if (outcome.ok) for (const definition of outcome.processDefinitions) cache.rememberLatest(definition.key, definition.id);
      return outcome;
    },

    async startInstance(processKey: string, start: { readonly variables?: JsonObject; readonly businessKey?: string | null } = {}): Promise<InstanceOutcome> {
      let definitionId = cache.latestId(processKey);
      if (!definitionId) {
        definitionId = await latestDefinitionId(db, processKey);
        if (definitionId) cache.rememberLatest(processKey, definitionId);
      }
      if (!definitionId) return reject('ENG_ERR_PROCESS_NOT_FOUND', `Expected a deployed process with key '${processKey}', but found none`);
      const executed = await executor.start({ type: 'start-instance', now: new Date(), definitionId, variables: start.variables ?? {}, businessKey: start.businessKey ?? null });
      return outcomeOf(executed);
    },

    /**
     * Another node deployed a new version of `key` (the server hears it through NOTIFY):
     * the next start by key asks the database for the latest version.
     */
    definitionsChanged: (key: string) => cache.forgetLatest(key),

    completeTask: (taskKey: string, variables: JsonObject = {}) => onTask(taskKey, () => ({ type: 'complete-task', now: new Date(), taskKey, variables })),
    assignTask: (taskKey: string, assignee: string | null) => onTask(taskKey, () => ({ type: 'assign-task', now: new Date(), taskKey, assignee })),
    cancelInstance: (instanceId: string) => send(instanceId, { type: 'cancel-instance', now: new Date() }),

    /** Instance modification: activate elements, terminate element instances, set variables (one command). */
    modifyInstance: (instanceId: string, modification: Omit<CommandOf<'modify-instance'>, 'type' | 'now'>) => send(instanceId, { type: 'modify-instance', now: new Date(), ...modification }),

    /** Move a waiting instance to another version of its process (element ids mapped, or kept). */
    async migrateInstance(instanceId: string, targetDefinitionId: string, mappings: Readonly<Record<string, string>> = {}): Promise<InstanceOutcome> {
      if (!cache.has(targetDefinitionId) && !(await loadDefinition(db, cache, targetDefinitionId, options.expressions))) {
        return reject('ENG_ERR_PROCESS_NOT_FOUND', `Expected process definition '${targetDefinitionId}' to be deployed, but it was not found`);
      }
      return send(instanceId, { type: 'migrate-instance', now: new Date(), targetDefinitionId, mappings });
    },
    setVariables: (instanceId: string, variables: JsonObject) => send(instanceId, { type: 'set-variables', now: new Date(), variables }),

    async resolveIncident(incidentKey: string, retries?: number): Promise<InstanceOutcome> {
      const row = await db.selectFrom('engine_incidents').select(['instance_id', 'resolved_at']).where('key', '=', incidentKey).executeTakeFirst();
      if (!row || row.resolved_at) return reject('ENG_ERR_INCIDENT_NOT_FOUND', `Expected an open incident '${incidentKey}', but found none`);
      return send(row.instance_id, { type: 'resolve-incident', now: new Date(), incidentKey, ...(retries === undefined ? {} : { retries }) });
    },

    /**
     * Publish a message: correlated once per process to the oldest matching subscription,
     * starting instances at message start events (one per business key), buffered for its
     * time to live, idempotent by message id. One transaction.
     */
    async publishMessage(request: PublishMessageRequest): Promise<PublishMessageOutcome> {
      const now = new Date();
      const message = { name: request.name, correlationKey: request.correlationKey ?? null, variables: request.variables ?? {}, messageId: request.messageId ?? null, timeToLiveMs: request.timeToLiveMs ?? 0 };
      const done = await executor.transaction(async (tx) => {
        const routed = await routeMessage(tx.trx, message, now);
        return { routed, reached: await runRouted(tx, routed), committed: tx.committed };
      });
      announce(done.committed);
      return {
        ok: true, messageKey: done.routed.messageKey, duplicate: done.routed.duplicate,
        correlatedProcessInstanceIds: done.reached.triggered, startedProcessInstanceIds: done.reached.started,
      };
    },

    /** Broadcast a signal to every signal subscription and signal start event, in one transaction. */
    async broadcastSignal(name: string, variables: JsonObject = {}): Promise<BroadcastSignalOutcome> {
      const now = new Date();
      const done = await executor.transaction(async (tx) => {
        const routed = await routeSignal(tx.trx, name, variables, now);
        return { reached: await runRouted(tx, routed), committed: tx.committed };
      });
      announce(done.committed);
      return { ok: true, triggeredProcessInstanceIds: done.reached.triggered, startedProcessInstanceIds: done.reached.started };
    },

    /** Runs due jobs now, until none is left (tests; the loop does this in the background). */
    runJobs: () => jobs.drain(),
    /** Runs the background job loop now (another node announced new jobs). */
    kickJobs: () => loop.kick(),
    /** Fetch-and-lock and reports for workers outside the server (Camunda's external tasks). */
    externalTasks: createExternalTasks(db, executor, outcomeOf),
    start: () => loop.start(),
    stop: () => loop.stop(),

    listInstances: (filter: queries.InstanceFilter) => queries.listInstances(db, filter),
    getInstance: (id: string) => queries.getInstance(db, id),
    activityHistory: (instanceId: string) => queries.activityHistory(db, instanceId),
    listTasks: (filter: queries.TaskFilter) => queries.listTasks(db, filter),
    getTask: (key: string) => queries.getTask(db, key),
    listDefinitions: (filter: { key?: string; latestOnly?: boolean }) => queries.listDefinitions(db, filter),
    definitionXml: (id: string) => queries.definitionXml(db, id),
    listIncidents: (filter: { processInstanceId?: string; open?: boolean }) => queries.listIncidents(db, filter),
  };
}

export type PostgresEngine = ReturnType<typeof createPostgresEngine>;

export interface PublishMessageRequest {
  readonly name: string;
  readonly correlationKey?: string | null;
  readonly variables?: JsonObject;
  readonly messageId?: string | null;
  readonly timeToLiveMs?: number;
}

export interface PublishMessageOutcome {
  readonly ok: true;
  readonly messageKey: string | null;
  readonly duplicate: boolean;
  readonly correlatedProcessInstanceIds: readonly string[];
  readonly startedProcessInstanceIds: readonly string[];
}

export interface BroadcastSignalOutcome {
  readonly ok: true;
  readonly triggeredProcessInstanceIds: readonly string[];
  readonly startedProcessInstanceIds: readonly string[];
}

function schedulesWork(event: CommandApplied['events'][number]): boolean {
  switch (event.type) {
    case 'job-created':
    case 'job-failed':
    case 'job-retries-updated':
    case 'timer-rescheduled':
      return true;
    case 'subscription-opened':
      return event.payload.subscription.kind === 'timer';
    default:
      return false;
  }
}

/** Run a routed publish or broadcast in one transaction: starts first, then triggers; returns who was reached. */
async function runRouted(tx: CommandTransaction, routed: Routed): Promise<{ started: string[]; triggered: string[] }> {
  const started: string[] = [];
  const triggered: string[] = [];
  for (const start of routed.starts) {
    const applied = await tx.send(null, start.command);
    if (applied.ok) started.push(applied.result.state.id);
  }
  for (const trigger of routed.triggers) {
    const applied = await tx.send(trigger.instanceId, trigger.command);
    if (applied.ok && !triggered.includes(trigger.instanceId!)) triggered.push(trigger.instanceId!);
  }
  return { started, triggered };
}

/**
 * Runs `work` after `kick()` and every `pollMs`, never twice at once; `stop` waits for the
 * current run. `work` answers how soon the next job or timer is due: when that is sooner
 * than the next poll, the loop wakes for it (timers fire on time, not on the poll).
 */
class JobLoop {
  private timer: NodeJS.Timeout | undefined;
  private wake: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private again = false;

  constructor(private readonly work: () => Promise<number | null>, private readonly pollMs: number) {}

  start(): void {
    this.timer ??= setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  kick(): void {
    if (!this.timer) return; // not started: tests drive jobs themselves
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.work()
      .then((nextDueMs) => this.wakeIn(nextDueMs))
      .catch(() => undefined) // a failing run is retried at the next poll
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private wakeIn(ms: number | null): void {
    if (ms === null || ms >= this.pollMs || !this.timer) return;
    clearTimeout(this.wake);
    this.wake = setTimeout(() => this.kick(), Math.max(1, Math.ceil(ms)));
    this.wake.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.wake);
    this.timer = undefined;
    await this.running;
  }
}
