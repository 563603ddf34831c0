import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { reject, type Rejection } from '../errors/codes.js';
import type { JobHandler } from '../driver/job-handler.js';
import { rulesJobHandler } from '../driver/rules-job-handler.js';
import { RULES_JOB_TYPE } from '../model/index.js';
import type { ExpressionLanguage } from '../ports/expression-language.js';
import type { RuleEvaluator } from '../ports/rule-evaluator.js';
import type { Command } from '../runtime/commands.js';
import type { CommandApplied } from '../runtime/process-command.js';
import type { JsonObject } from '../state/json-value.js';
import { CommandExecutor, type Executed } from './command-executor.js';
import { DefinitionCache } from './definition-cache.js';
import { deploy, latestDefinitionId, type DeploymentRequest } from './definition-store.js';
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
  const jobs = new JobRunner(db, executor, {
    handlers,
    workerId: `node-${randomUUID()}`,
    leaseMs: options.leaseMs ?? 5 * 60_000,
    retryBackoffMs: options.retryBackoffMs ?? 10_000,
    onExecuted: (executed) => void outcomeOf(executed),
  });
  const loop = new JobLoop(() => jobs.drain(), options.pollMs ?? 1000);

  async function send(instanceId: string | null, command: Command): Promise<InstanceOutcome> {
    return outcomeOf(await executor.execute(instanceId, command));
  }

  function outcomeOf(executed: Executed): InstanceOutcome {
    if (!executed.ok) return executed;
    try {
      options.onCommitted?.(executed.all);
    } catch {
      // A listener's failure must not turn a committed command into an error.
    }
    if (executed.all.some((applied) => applied.events.some((e) => e.type === 'job-created' || e.type === 'job-failed'))) loop.kick();
    return { ok: true, id: executed.result.state.id, state: executed.result.state.state };
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
    setVariables: (instanceId: string, variables: JsonObject) => send(instanceId, { type: 'set-variables', now: new Date(), variables }),

    async resolveIncident(incidentKey: string, retries?: number): Promise<InstanceOutcome> {
      const row = await db.selectFrom('engine_incidents').select(['instance_id', 'resolved_at']).where('key', '=', incidentKey).executeTakeFirst();
      if (!row || row.resolved_at) return reject('ENG_ERR_INCIDENT_NOT_FOUND', `Expected an open incident '${incidentKey}', but found none`);
      return send(row.instance_id, { type: 'resolve-incident', now: new Date(), incidentKey, ...(retries === undefined ? {} : { retries }) });
    },

    /** Runs due jobs now, until none is left (tests; the loop does this in the background). */
    runJobs: () => jobs.drain(),
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

/** Runs `work` after `kick()` and every `pollMs`, never twice at once; `stop` waits for the current run. */
class JobLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private again = false;

  constructor(private readonly work: () => Promise<unknown>, private readonly pollMs: number) {}

  start(): void {
    this.timer ??= setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
  }

  kick(): void {
    if (!this.timer) return; // not started: tests drive jobs themselves
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.work()
      .catch(() => undefined) // a failing run is retried at the next poll
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
