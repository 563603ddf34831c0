import { sql, type Kysely } from 'kysely';
import { reject, type Rejection } from '../errors/codes.js';
import type { Command } from '../runtime/commands.js';
import { jobVariables } from '../runtime/views.js';
import type { InstanceState } from '../state/instance-state.js';
import type { JsonObject } from '../state/json-value.js';
import type { CommandExecutor, CommandGuard, Executed } from './command-executor.js';
import type { EngineTables } from './tables.js';

type Db = Kysely<EngineTables>;

/** One topic of a fetch: the job type, how long its tasks stay locked, and optional filters. */
export interface TopicRequest {
  readonly topicName: string;
  /** Milliseconds from now. */
  readonly lockDuration: number;
  /** Only these variables (by name) travel with the task; all visible ones when absent. */
  readonly variables?: readonly string[] | undefined;
  readonly businessKey?: string | undefined;
  readonly processDefinitionKey?: string | undefined;
}

export interface FetchAndLockRequest {
  readonly workerId: string;
  readonly maxTasks: number;
  /** Topic names must be unique (the caller validates it). */
  readonly topics: readonly TopicRequest[];
}

/** A job locked for an external worker, shaped like Camunda 7's LockedExternalTaskDto. */
export interface LockedTask {
  readonly id: string;
  readonly topicName: string;
  readonly workerId: string;
  readonly lockExpirationTime: string;
  readonly retries: number;
  /** The message of the job's last failure (null when it never failed). */
  readonly errorMessage: string | null;
  readonly processInstanceId: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly businessKey: string | null;
  readonly activityId: string;
  readonly activityInstanceId: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
}

export interface ExternalTaskFilter {
  readonly topicName?: string | undefined;
  readonly workerId?: string | undefined;
  /** true: locked under a live lock; false: anything else (waiting, lock expired, incident). */
  readonly locked?: boolean | undefined;
  readonly processInstanceId?: string | undefined;
  readonly limit: number;
  /** Keyset cursor: the id of the last task of the previous page (oldest first). */
  readonly after?: string | undefined;
}

export interface FailureReport {
  readonly errorMessage?: string | undefined;
  /** A stack trace or longer explanation: kept with the job and an incident. */
  readonly errorDetails?: string | undefined;
  /** Retries left; 0 raises an incident. */
  readonly retries: number;
  /** Milliseconds before the job may be fetched again. */
  readonly retryTimeout?: number | undefined;
}

export interface BpmnErrorReport {
  readonly errorCode: string;
  readonly errorMessage?: string | undefined;
  readonly variables?: JsonObject | undefined;
}

/** Turns an executed command into the engine's outcome (live updates, job wake-ups). */
export type Settle<Outcome> = (executed: Executed) => Outcome;

/**
 * Camunda's external-task pattern over the jobs table: workers outside the server fetch
 * due jobs of their topics (job types) under a lock, do the work wherever they run, and
 * report back. A report is applied only while the reporting worker still holds an
 * unexpired lock — checked inside the command's transaction, under the instance lock and
 * the job row's lock, so a lock cannot run out or change hands between check and write.
 * A worker whose lock expired cannot complete even if nobody took the job over: its
 * result may be based on data another worker is already redoing.
 */
export function createExternalTasks<Outcome>(db: Db, executor: CommandExecutor, settle: Settle<Outcome>) {
  /** Sends a worker's report about `jobKey` to its instance, guarded by the worker's lock. */
  async function report(jobKey: string, workerId: string, command: Command): Promise<Outcome | Rejection> {
    const row = await db.selectFrom('engine_jobs').select('instance_id').where('key', '=', jobKey).executeTakeFirst();
    if (!row) return jobNotFound(jobKey);
    const executed = await executor.execute(row.instance_id, command, lockHeldBy(jobKey, workerId));
    return executed.ok ? settle(executed) : executed;
  }

  return {
    /**
     * Claims up to `maxTasks` due jobs of the topics in one statement: waiting jobs whose
     * time has come and jobs whose lock expired, higher priority first, then oldest due.
     * Each topic reads its own index range; `FOR UPDATE SKIP LOCKED` lets concurrent
     * fetches take different jobs without waiting on each other.
     */
    async fetchAndLock(request: FetchAndLockRequest): Promise<LockedTask[]> {
      if (request.topics.length === 0 || request.maxTasks <= 0) return [];
      const topics = JSON.stringify(
        request.topics.map((t) => ({ topic_name: t.topicName, lock_ms: t.lockDuration, business_key: t.businessKey ?? null, process_key: t.processDefinitionKey ?? null })),
      );
      const { rows } = await sql<ClaimedRow>`
        with topics as (
          select * from jsonb_to_recordset(${topics}::jsonb) as t(topic_name text, lock_ms float8, business_key text, process_key text)
        ), waiting as (
          select w.key, t.lock_ms, w.priority, w.due_at from topics t cross join lateral (
            select j.key, j.priority, j.due_at from engine_jobs j join engine_process_instances i on i.id = j.instance_id
            where j.state = 'activatable' and j.kind = 'work' and j.type = t.topic_name and j.due_at <= now()
              and (t.business_key is null or i.business_key = t.business_key)
              and (t.process_key is null or i.process_key = t.process_key)
            order by j.priority desc, j.due_at
            limit ${request.maxTasks}
            for update of j skip locked) w
        ), expired as (
          select w.key, t.lock_ms, w.priority, w.due_at from topics t cross join lateral (
            select j.key, j.priority, j.lock_expires_at as due_at from engine_jobs j join engine_process_instances i on i.id = j.instance_id
            where j.state = 'locked' and j.lock_expires_at < now() and j.kind = 'work' and j.type = t.topic_name
              and (t.business_key is null or i.business_key = t.business_key)
              and (t.process_key is null or i.process_key = t.process_key)
            order by j.lock_expires_at
            limit ${request.maxTasks}
            for update of j skip locked) w
        ), picked as (
          select key, lock_ms from (select * from waiting union all select * from expired) c
          order by priority desc, due_at, key
          limit ${request.maxTasks}
        ), claimed as (
          update engine_jobs j
          set state = 'locked', worker = ${request.workerId}, lock_expires_at = now() + p.lock_ms * interval '1 millisecond', fencing_token = j.fencing_token + 1
          from picked p
          where j.key = p.key
          returning j.key, j.instance_id, j.element_id, j.type, j.retries, j.error_message, j.lock_expires_at, j.due_at, j.priority
        )
        select c.*, i.process_key, i.definition_id, i.business_key, i.data
        from claimed c join engine_process_instances i on i.id = c.instance_id
        order by c.priority desc, c.due_at, c.key`.execute(db);
      const wanted = new Map(request.topics.map((t) => [t.topicName, t.variables]));
      return rows.flatMap((row) => {
        const job = row.data.jobs[row.key];
        // The state and the job row are written in one transaction, so this should not
        // happen; if it does, the lock simply runs out.
        if (!job) return [];
        return [
          {
            id: row.key,
            topicName: row.type,
            workerId: request.workerId,
            lockExpirationTime: new Date(row.lock_expires_at).toISOString(),
            retries: row.retries,
            errorMessage: row.error_message,
            processInstanceId: row.instance_id,
            processDefinitionKey: row.process_key,
            processDefinitionId: row.definition_id,
            businessKey: row.business_key,
            activityId: row.element_id,
            activityInstanceId: job.elementInstanceKey,
            variables: pick(jobVariables(row.data, row.key), wanted.get(row.type)),
            headers: job.headers,
          },
        ];
      });
    },

    /**
     * Milliseconds until a job of these topics that is not claimable now becomes so (a
     * retry's backoff ends, a lock runs out); null when none will on its own. Long polls
     * sleep until then, since no notification announces the passing of time.
     */
    async nextDueIn(topicNames: readonly string[]): Promise<number | null> {
      if (topicNames.length === 0) return null;
      const { rows } = await sql<{ ms: number | string | null }>`
        select extract(epoch from min(case when state = 'activatable' then due_at else lock_expires_at end) - now()) * 1000 as ms
        from engine_jobs
        where type = any(${[...topicNames]}::text[]) and kind = 'work'
          and ((state = 'activatable' and due_at > now()) or (state = 'locked' and lock_expires_at >= now()))`.execute(db);
      const ms = rows[0]?.ms;
      return ms === null || ms === undefined ? null : Math.max(0, Math.ceil(Number(ms)));
    },

    complete: (jobKey: string, workerId: string, variables: JsonObject = {}) => report(jobKey, workerId, { type: 'complete-job', now: new Date(), jobKey, variables }),

    fail: (jobKey: string, workerId: string, failure: FailureReport) =>
      report(jobKey, workerId, {
        type: 'fail-job',
        now: new Date(),
        jobKey,
        retries: failure.retries,
        ...(failure.errorMessage === undefined ? {} : { errorMessage: failure.errorMessage }),
        ...(failure.errorDetails === undefined ? {} : { errorDetails: failure.errorDetails }),
        retryBackoffMs: failure.retryTimeout ?? 0,
      }),

    bpmnError: (jobKey: string, workerId: string, error: BpmnErrorReport) =>
      report(jobKey, workerId, {
        type: 'throw-bpmn-error',
        now: new Date(),
        jobKey,
        errorCode: error.errorCode,
        ...(error.errorMessage === undefined ? {} : { errorMessage: error.errorMessage }),
        ...(error.variables === undefined ? {} : { variables: error.variables }),
      }),

    /** Sets the worker's lock to run out `newDuration` ms from now (it must still hold it). */
    async extendLock(jobKey: string, workerId: string, newDuration: number): Promise<{ ok: true; lockExpirationTime: string } | Rejection> {
      const row = await sql<{ lock_expires_at: Date }>`
        update engine_jobs set lock_expires_at = now() + ${newDuration}::float8 * interval '1 millisecond'
        where key = ${jobKey} and worker = ${workerId} and state = 'locked' and lock_expires_at > now()
        returning lock_expires_at`.execute(db);
      const updated = row.rows[0];
      if (updated) return { ok: true, lockExpirationTime: new Date(updated.lock_expires_at).toISOString() };
      const current = await sql<LockRow>`select worker, state, lock_expires_at > now() as live from engine_jobs where key = ${jobKey}`.execute(db);
      return whyNotHeld(jobKey, workerId, current.rows[0]) ?? jobNotFound(jobKey);
    },

    /**
     * Releases a job's lock whoever holds it (an administrator freeing a stuck task): it
     * can be fetched again at once. Unlocking a job that is not locked changes nothing.
     * Returns the job's type so the caller can announce it to waiting workers.
     */
    async unlock(jobKey: string): Promise<{ ok: true; topicName: string } | Rejection> {
      const { rows } = await sql<{ type: string; state: string }>`
        with before_unlock as (select type, state from engine_jobs where key = ${jobKey}),
        released as (
          update engine_jobs set state = 'activatable', worker = null, lock_expires_at = null
          where key = ${jobKey} and state = 'locked'
          returning key)
        select type, state from before_unlock`.execute(db);
      const row = rows[0];
      if (!row) return jobNotFound(jobKey);
      if (row.state === 'incident') return reject('ENG_ERR_JOB_NOT_ACTIVATABLE', `Expected job '${jobKey}' to be locked or waiting, but it waits for an incident to be resolved`);
      return { ok: true, topicName: row.type };
    },

    /** Jobs for external workers (and built-in ones: the table is the same), oldest first. */
    async list(filter: ExternalTaskFilter) {
      let query = db
        .selectFrom('engine_jobs as j')
        .innerJoin('engine_process_instances as i', 'i.id', 'j.instance_id')
        .select(['j.key', 'j.type', 'j.worker', 'j.state', 'j.lock_expires_at', 'j.retries', 'j.error_message', 'j.due_at', 'j.created_at', 'j.instance_id', 'j.element_id'])
        .select(['i.process_key', 'i.definition_id', 'i.business_key'])
        .select(sql<boolean>`j.state = 'locked' and j.lock_expires_at > now()`.as('live'))
        .where('j.kind', '=', 'work')
        .orderBy('j.created_at')
        .orderBy('j.key')
        .limit(filter.limit + 1);
      if (filter.topicName) query = query.where('j.type', '=', filter.topicName);
      if (filter.workerId) query = query.where('j.worker', '=', filter.workerId);
      if (filter.processInstanceId) query = query.where('j.instance_id', '=', filter.processInstanceId);
      if (filter.locked === true) query = query.where(sql<boolean>`j.state = 'locked' and j.lock_expires_at > now()`);
      if (filter.locked === false) query = query.where(sql<boolean>`not (j.state = 'locked' and j.lock_expires_at > now())`);
      if (filter.after) {
        const cursor = await db.selectFrom('engine_jobs').select(['created_at', 'key']).where('key', '=', filter.after).executeTakeFirst();
        if (cursor) query = query.where((eb) => eb.or([eb('j.created_at', '>', cursor.created_at), eb.and([eb('j.created_at', '=', cursor.created_at), eb('j.key', '>', cursor.key)])]));
      }
      const rows = await query.execute();
      const page = rows.slice(0, filter.limit);
      return {
        items: page.map((r) => ({
          id: r.key,
          topicName: r.type,
          workerId: r.worker,
          state: r.state,
          locked: r.live,
          lockExpirationTime: r.lock_expires_at ? new Date(r.lock_expires_at).toISOString() : null,
          retries: r.retries,
          errorMessage: r.error_message,
          dueDate: new Date(r.due_at).toISOString(),
          createdAt: new Date(r.created_at).toISOString(),
          processInstanceId: r.instance_id,
          processDefinitionKey: r.process_key,
          processDefinitionId: r.definition_id,
          businessKey: r.business_key,
          activityId: r.element_id,
        })),
        nextCursor: rows.length > filter.limit ? (page.at(-1)?.key ?? null) : null,
      };
    },
  };
}

export type ExternalTasks = ReturnType<typeof createExternalTasks>;

interface ClaimedRow {
  key: string;
  instance_id: string;
  element_id: string;
  type: string;
  retries: number;
  error_message: string | null;
  lock_expires_at: Date;
  process_key: string;
  definition_id: string;
  business_key: string | null;
  data: InstanceState;
}

interface LockRow {
  worker: string | null;
  state: EngineTables['engine_jobs']['state'];
  live: boolean;
}

/**
 * The guard of a report: the job row (locked FOR UPDATE, so no fetch can take it over
 * while the report commits) must be locked by this worker under a lock that has not run out.
 */
function lockHeldBy(jobKey: string, workerId: string): CommandGuard {
  return async (trx) => {
    const { rows } = await sql<LockRow>`select worker, state, lock_expires_at > now() as live from engine_jobs where key = ${jobKey} for update`.execute(trx);
    const row = rows[0];
    if (!row) return jobNotFound(jobKey);
    return whyNotHeld(jobKey, workerId, row);
  };
}

/** Why `workerId` does not hold a live lock on the job, or undefined when it does. */
function whyNotHeld(jobKey: string, workerId: string, row: LockRow | undefined): Rejection | undefined {
  if (!row) return undefined;
  if (row.state === 'incident') return reject('ENG_ERR_JOB_NOT_ACTIVATABLE', `Expected job '${jobKey}' to be locked by worker '${workerId}', but it waits for an incident to be resolved`);
  if (row.state === 'locked' && row.worker === workerId && row.live) return undefined;
  if (row.worker !== null && row.worker !== workerId) {
    return reject('ENG_ERR_JOB_LOCKED_BY_OTHER', `Expected job '${jobKey}' to be locked by worker '${workerId}', but another worker locked it`);
  }
  return reject('ENG_ERR_JOB_LOCK_EXPIRED', `Expected worker '${workerId}' to hold a live lock on job '${jobKey}', but the lock expired or was released: fetch and lock it again`);
}

function jobNotFound(jobKey: string): Rejection {
  return reject('ENG_ERR_JOB_NOT_FOUND', `Expected an open job '${jobKey}', but found none (it was completed, cancelled or never existed)`);
}

function pick(variables: Readonly<Record<string, unknown>>, names: readonly string[] | undefined): Readonly<Record<string, unknown>> {
  if (!names) return variables;
  return Object.fromEntries(names.filter((name) => Object.hasOwn(variables, name)).map((name) => [name, variables[name]]));
}
