import { reject, type Rejection } from '../errors/codes.js';
import { ASYNC_CONTINUATION_JOB_TYPE, RULES_JOB_TYPE } from '../model/index.js';
import { continueAsync } from '../driver/async-continuation.js';
import { parseBpmn } from '../parse/parse-bpmn.js';
import type { ParseProblem } from '../parse/parse-problem.js';
import type { ExpressionLanguage } from '../ports/expression-language.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { DeployedProcess } from '../ports/process-lookup.js';
import type { RuleEvaluator } from '../ports/rule-evaluator.js';
import type { Command } from '../runtime/commands.js';
import type { EngineEvent } from '../runtime/events.js';
import { deriveActivityInstances, type ActivityInstanceRecord } from '../runtime/history.js';
import { processCommand, type CommandResult } from '../runtime/process-command.js';
import { jobVariables, openIncidents, openJobs, openUserTasks, rootVariables, type IncidentView, type JobView, type UserTaskView } from '../runtime/views.js';
import type { InstanceState } from '../state/instance-state.js';
import type { JsonObject, JsonValue } from '../state/json-value.js';
import { executeJob } from '../driver/execute-job.js';
import type { JobHandler } from '../driver/job-handler.js';
import { rulesJobHandler } from '../driver/rules-job-handler.js';
import { followUpOf, type FollowUp } from '../driver/follow-ups.js';
import { MemoryStore } from './memory-store.js';
import { ProcessRegistry, type DeployedDefinition } from './process-registry.js';
import { sequentialIds } from './sequential-ids.js';
import { MemoryEvents, type BroadcastOutcome, type PublishedMessage, type PublishOutcome } from './memory-events.js';

export interface MemoryEngineOptions {
  /** Job workers by job type. `ff:rules` is served by `ruleEvaluator` unless given here. */
  readonly handlers?: Readonly<Record<string, JobHandler>>;
  readonly ruleEvaluator?: RuleEvaluator;
  /** The engine's clock (default: the wall clock). */
  readonly clock?: () => Date;
  readonly ids?: IdGenerator;
  readonly expressions?: ExpressionLanguage;
  /** Keep every instance's event log (default true; benchmarks may switch it off). */
  readonly recordEvents?: boolean;
  /** Wait before a failed job runs again (default 0). */
  readonly retryBackoffMs?: number;
}

export type DeployResult =
  | { readonly ok: true; readonly deployment: { readonly id: string; readonly processDefinitions: readonly DeployedDefinition[] } }
  | (Rejection & { readonly problems: readonly ParseProblem[] });

export type EngineCallResult = { readonly ok: true; readonly state: InstanceState } | Rejection;

/**
 * The engine without a database: deployments, instances and their event logs in memory,
 * call activities driven across instances, job handlers run on `runJobs()`. Used by
 * tests and the benchmark; the PostgreSQL shell does the same on top of the same core.
 */
export function createMemoryEngine(options: MemoryEngineOptions = {}) {
  const clock = options.clock ?? (() => new Date());
  const registry = new ProcessRegistry();
  const store = new MemoryStore(options.recordEvents ?? true);
  const context = { processes: registry, ids: options.ids ?? sequentialIds() };
  const handlers: Record<string, JobHandler> = { ...options.handlers };
  if (options.ruleEvaluator && !handlers[RULES_JOB_TYPE]) handlers[RULES_JOB_TYPE] = rulesJobHandler(options.ruleEvaluator);
  handlers[ASYNC_CONTINUATION_JOB_TYPE] = continueAsync;
  let deployments = 0;
  let pending: Array<FollowUp | (() => void)> | null = null;
  const events = new MemoryEvents({ clock, dispatch: (instanceId, command) => dispatch(instanceId, command), states: () => store.states.values(), latest: () => registry.latestAll() });

  /**
   * Process a command, then every follow-up it causes (children, parents, messages and
   * signals thrown inside the engine). Follow-ups of nested calls join the outer queue.
   */
  function dispatch(instanceId: string | null, command: Command): CommandResult {
    return withFollowUps(() => {
      const result = send(instanceId, command);
      if (result.ok) queueFollowUps(result.events);
      return result;
    });
  }

  function withFollowUps<T>(work: () => T): T {
    if (pending !== null) return work();
    pending = [];
    try {
      const result = work();
      for (let next = pending.shift(); next; next = pending.shift()) {
        if (typeof next === 'function') {
          next();
          continue;
        }
        const followUp = send(next.instanceId, next.command);
        if (followUp.ok) queueFollowUps(followUp.events);
      }
      return result;
    } finally {
      pending = null;
    }
  }

  function send(instanceId: string | null, command: Command): CommandResult {
    const state = instanceId === null ? null : store.states.get(instanceId);
    if (state === undefined) return reject('ENG_ERR_INSTANCE_NOT_FOUND', `Expected an instance '${instanceId}', but found none`);
    const result = processCommand(context, state, command);
    if (result.ok) store.save(result.state, result.events);
    return result;
  }

  function queueFollowUps(emitted: readonly EngineEvent[]): void {
    let now: Date | undefined;
    for (const event of emitted) {
      const followUp = followUpOf(event, (now ??= clock()));
      if (followUp) pending!.push(followUp);
      const thrown = events.followUpOf(event);
      if (thrown) pending!.push(thrown);
    }
  }

  /** Send a command to the instance that holds a task, job or incident; `missing` words the rejection when none does. */
  function toInstance(instanceId: string | undefined, missing: () => Rejection, command: () => Command): EngineCallResult {
    if (instanceId === undefined) return missing();
    const result = dispatch(instanceId, command());
    return result.ok ? { ok: true, state: store.states.get(instanceId)! } : result;
  }

  function taskMissing(taskKey: string): Rejection {
    const ended = store.endedTasks.get(taskKey);
    if (ended === 'completed') return reject('ENG_ERR_TASK_ALREADY_COMPLETED', `Expected task '${taskKey}' to be open, but it was completed before`);
    return reject('ENG_ERR_TASK_NOT_FOUND', `Expected an open task '${taskKey}', but found none${ended ? ' (it was cancelled)' : ''}`);
  }

  const jobMissing = (jobKey: string) => reject('ENG_ERR_JOB_NOT_FOUND', `Expected an open job '${jobKey}', but found none`);

  return {
    /** Parse and register a BPMN resource; problems come back as a rejection with `problems`. */
    async deploy(xml: string): Promise<DeployResult> {
      const parsed = await parseBpmn(xml, options.expressions ? { expressions: options.expressions } : {});
      if (!parsed.ok) {
        return { ...reject('ENG_ERR_DEPLOYMENT_INVALID', `Expected a deployable BPMN model, but it has ${parsed.problems.length} problem(s)`), problems: parsed.problems };
      }
      const id = `deployment-${++deployments}`;
      const processDefinitions = registry.register(xml, parsed.definitions, id);
      events.scheduleStartTimers(processDefinitions.map((definition) => registry.byDefinitionId(definition.id)!));
      return { ok: true, deployment: { id, processDefinitions } };
    },

    /** Start the latest version of a process by its key. */
    startInstance(processKey: string, start: { readonly variables?: JsonObject; readonly businessKey?: string | null } = {}): EngineCallResult {
      const deployed = registry.latest(processKey);
      if (!deployed) return reject('ENG_ERR_PROCESS_NOT_FOUND', `Expected a deployed process with key '${processKey}', but found none`);
      const result = dispatch(null, { type: 'start-instance', now: clock(), definitionId: deployed.definitionId, variables: start.variables ?? {}, businessKey: start.businessKey ?? null });
      return result.ok ? { ok: true, state: store.states.get(result.state.id)! } : result;
    },

    completeTask(taskKey: string, variables: JsonObject = {}): EngineCallResult {
      return toInstance(store.openTasks.get(taskKey), () => taskMissing(taskKey), () => ({ type: 'complete-task', now: clock(), taskKey, variables }));
    },

    assignTask(taskKey: string, assignee: string | null): EngineCallResult {
      return toInstance(store.openTasks.get(taskKey), () => taskMissing(taskKey), () => ({ type: 'assign-task', now: clock(), taskKey, assignee }));
    },

    completeJob(jobKey: string, variables: JsonObject = {}): EngineCallResult {
      return toInstance(store.openJobs.get(jobKey), () => jobMissing(jobKey), () => ({ type: 'complete-job', now: clock(), jobKey, variables }));
    },

    failJob(jobKey: string, failure: { readonly retries: number; readonly errorMessage?: string; readonly retryBackoffMs?: number }): EngineCallResult {
      return toInstance(store.openJobs.get(jobKey), () => jobMissing(jobKey), () => ({ type: 'fail-job', now: clock(), jobKey, ...failure }));
    },

    throwBpmnError(jobKey: string, errorCode: string, errorMessage?: string): EngineCallResult {
      return toInstance(store.openJobs.get(jobKey), () => jobMissing(jobKey), () => ({ type: 'throw-bpmn-error', now: clock(), jobKey, errorCode, ...(errorMessage === undefined ? {} : { errorMessage }) }));
    },

    resolveIncident(incidentKey: string, retries?: number): EngineCallResult {
      const missing = () => reject('ENG_ERR_INCIDENT_NOT_FOUND', `Expected an open incident '${incidentKey}', but found none`);
      return toInstance(store.openIncidents.get(incidentKey), missing, () => ({ type: 'resolve-incident', now: clock(), incidentKey, ...(retries === undefined ? {} : { retries }) }));
    },

    cancelInstance(instanceId: string): EngineCallResult {
      const missing = () => reject('ENG_ERR_INSTANCE_NOT_FOUND', `Expected an instance '${instanceId}', but found none`);
      return toInstance(store.states.has(instanceId) ? instanceId : undefined, missing, () => ({ type: 'cancel-instance', now: clock() }));
    },

    setVariables(instanceId: string, variables: JsonObject, scope: { readonly elementInstanceId?: string; readonly local?: boolean } = {}): EngineCallResult {
      const missing = () => reject('ENG_ERR_INSTANCE_NOT_FOUND', `Expected an instance '${instanceId}', but found none`);
      return toInstance(store.states.has(instanceId) ? instanceId : undefined, missing, () => ({ type: 'set-variables', now: clock(), variables, ...scope }));
    },

    /** Send any command to an instance (null: start a new one), with follow-ups. */
    dispatch,

    /** Publish a message: correlated once per process (Camunda 8), starting instances at message start events; buffered for `timeToLiveMs`. */
    publishMessage: (message: PublishedMessage): PublishOutcome => withFollowUps(() => events.publish(message)),
    /** Broadcast a signal to every signal subscription and signal start event. */
    broadcastSignal: (name: string, variables: JsonObject = {}): BroadcastOutcome => withFollowUps(() => events.broadcast(name, variables)),
    /** Fire every timer due by the engine's clock (instance timers and timer start events); returns how many fired. */
    fireDueTimers: (): number => withFollowUps(() => events.fireDueTimers()),

    /**
     * Run registered handlers for every job that may run now, higher `ff:jobPriority` first,
     * again and again until none is left (jobs created by completions run too; jobs in
     * backoff wait). Returns how many ran.
     */
    async runJobs(limit = 10_000): Promise<number> {
      let ran = 0;
      while (ran < limit) {
        const runnable = [...new Set(store.openJobs.values())]
          .flatMap((id) => openJobs(store.states.get(id)!, clock()))
          .filter((job) => handlers[job.type])
          .sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0)); // stable: equal priorities keep their order
        if (runnable.length === 0) break;
        for (const job of runnable) {
          const state = store.states.get(job.instanceId)!;
          if (state.jobs[job.key]?.state !== 'activatable') continue;
          const work = { ...job, variables: jobVariables(state, job.key) };
          const command = await executeJob(handlers[job.type]!, work, { now: clock, retryBackoffMs: options.retryBackoffMs ?? 0 });
          dispatch(job.instanceId, command);
          ran += 1;
        }
      }
      return ran;
    },

    instance: (instanceId: string): InstanceState | undefined => store.states.get(instanceId),
    instances: (): InstanceState[] => [...store.states.values()],
    variables: (instanceId: string): Readonly<Record<string, JsonValue>> => {
      const state = store.states.get(instanceId);
      return state ? rootVariables(state) : {};
    },
    tasks(filter: { readonly instanceId?: string; readonly assignee?: string; readonly candidateGroup?: string } = {}): UserTaskView[] {
      return openViews(store.openTasks, openUserTasks).filter(
        (task) =>
          (filter.instanceId === undefined || task.instanceId === filter.instanceId) &&
          (filter.assignee === undefined || task.assignee === filter.assignee) &&
          (filter.candidateGroup === undefined || task.candidateGroups.includes(filter.candidateGroup)),
      );
    },
    jobs: (instanceId?: string): JobView[] => openViews(store.openJobs, (state) => openJobs(state)).filter((job) => !instanceId || job.instanceId === instanceId),
    incidents: (instanceId?: string): IncidentView[] =>
      openViews(store.openIncidents, openIncidents).filter((incident) => !instanceId || incident.instanceId === instanceId),
    events: (instanceId: string): readonly EngineEvent[] => store.logs.get(instanceId) ?? [],
    history: (instanceId: string): ActivityInstanceRecord[] => deriveActivityInstances(store.logs.get(instanceId) ?? []),
    definitions: (): DeployedProcess[] => registry.all(),
  };

  function openViews<T>(index: ReadonlyMap<string, string>, view: (state: InstanceState) => T[]): T[] {
    return [...new Set(index.values())].flatMap((id) => view(store.states.get(id)!));
  }
}

export type MemoryEngine = ReturnType<typeof createMemoryEngine>;
