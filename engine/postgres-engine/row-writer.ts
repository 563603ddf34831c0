import { sql, type Kysely, type Insertable, type RawBuilder } from 'kysely';
import type { EngineEvent } from '../runtime/events.js';
import { activityHistoryChange } from '../runtime/history.js';
import type { InstanceState } from '../state/instance-state.js';
import type { EngineTables } from './tables.js';

type Trx = Kysely<EngineTables>;

/** The job type of timer rows (their `kind` tells them apart; the type only has to be non-empty). */
export const TIMER_JOB_TYPE = 'ff:timer';
type ActivityRow = Insertable<EngineTables['engine_activity_instances']>;

/**
 * The writes one command implies for one instance: the instance row (state as jsonb) and
 * the rows its events imply in tasks, jobs, incidents and activity history. An activity
 * that starts and ends within the command is inserted once, already ended. Rows are kept
 * as data so that the rows of several new instances can go out in one statement.
 */
export interface WritePlan {
  readonly rows: NewRows;
  readonly updates: readonly RowUpdate[];
}

/**
 * A change to an existing row. The frequent kinds are data, so that the changes of many
 * commands go out as one statement per kind (see applyUpdates); the rare ones run as they are.
 */
export type RowUpdate =
  | { readonly kind: 'instance'; readonly state: InstanceState }
  | { readonly kind: 'activity-end'; readonly id: string; readonly state: 'completed' | 'terminated'; readonly endTime: string }
  | { readonly kind: 'job-delete'; readonly key: string }
  | { readonly kind: 'other'; readonly run: () => Promise<unknown> };

/** A new instance's row; `data` is the state itself (it travels inside the JSON of the insert). */
type InstanceRow = Omit<Insertable<EngineTables['engine_process_instances']>, 'data'> & { data: InstanceState };

export interface NewRows {
  readonly instances: InstanceRow[];
  readonly activities: ActivityRow[];
  readonly tasks: Insertable<EngineTables['engine_user_tasks']>[];
  readonly jobs: Insertable<EngineTables['engine_jobs']>[];
  readonly incidents: Insertable<EngineTables['engine_incidents']>[];
  readonly subscriptions: Insertable<EngineTables['engine_subscriptions']>[];
}

export async function writeCommandResult(trx: Trx, before: InstanceState | null, after: InstanceState, events: readonly EngineEvent[]): Promise<void> {
  await writePlans(trx, [planCommandResult(trx, before, after, events)]);
}

/** The rows of several commands (of different instances): inserts first, then the updates grouped by kind. */
export async function writePlans(trx: Trx, plans: readonly WritePlan[]): Promise<void> {
  for (const statement of insertStatements(mergeRows(plans.map((plan) => plan.rows)))) await statement.execute(trx);
  await applyUpdates(trx, plans.flatMap((plan) => plan.updates));
}

async function applyUpdates(trx: Trx, updates: readonly RowUpdate[]): Promise<void> {
  const instances = updates.filter((u) => u.kind === 'instance').map((u) => u.state);
  if (instances.length === 1) await instanceUpdate(trx, instances[0]!);
  else if (instances.length > 1) {
    const rows = instances.map(instanceUpdateRow);
    await sql`update engine_process_instances i set definition_id = r.definition_id, state = r.state, version = r.version, data = r.data, end_time = r.end_time
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, definition_id text, state text, version integer, data jsonb, end_time timestamptz)
      where i.id = r.id`.execute(trx);
  }
  const ends = updates.filter((u) => u.kind === 'activity-end');
  if (ends.length === 1) {
    const end = ends[0]!;
    await trx.updateTable('engine_activity_instances').set({ state: end.state, end_time: new Date(end.endTime) }).where('id', '=', end.id).execute();
  } else if (ends.length > 1) {
    const rows = ends.map((e) => ({ id: e.id, state: e.state, end_time: e.endTime }));
    await sql`update engine_activity_instances a set state = r.state, end_time = r.end_time
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id text, state text, end_time timestamptz) where a.id = r.id`.execute(trx);
  }
  const deletes = updates.filter((u) => u.kind === 'job-delete').map((u) => u.key);
  if (deletes.length > 0) await trx.deleteFrom('engine_jobs').where('key', 'in', deletes).execute();
  for (const update of updates) if (update.kind === 'other') await update.run();
}

/**
 * Inserts rows (of one or many new instances) as one statement of data-modifying CTEs:
 * atomic on its own, so new instances need no transaction round trips.
 */
export async function insertRowsAtOnce(db: Trx, rows: NewRows): Promise<void> {
  const ctes = insertStatements(rows).map((statement, index) => sql`${sql.raw(`write_${index}`)} as (${statement})`);
  if (ctes.length) await sql`with ${sql.join(ctes)} select 1`.execute(db);
}

/** What a guarded plan may be written on: its instance still at the version read, its job still ours. */
export interface WriteGuard {
  readonly instanceId: string;
  readonly version: number;
  readonly jobKey: string;
  readonly fencingToken: number;
  readonly workerId: string;
}

/**
 * Plans of distinct instances written by one statement, each only if its guard holds: the
 * instance row still has the version the plan was computed from and the job still carries
 * our fencing token. The guard locks both rows (instance, then job, in id order, as every
 * other command does), so what it saw cannot change before the writes in the same
 * statement. Returns the ids of the instances written; a plan whose guard failed wrote
 * nothing. Only plans whose updates are data (no 'other') can go this way.
 */
export async function writeGuardedPlans(db: Trx, entries: ReadonlyArray<{ guard: WriteGuard; plan: WritePlan }>): Promise<Set<string>> {
  if (entries.some(({ plan }) => plan.rows.instances.length > 0 || plan.updates.some((u) => u.kind === 'other'))) {
    throw new Error('writeGuardedPlans takes plans of existing instances whose updates are data');
  }
  const guards = entries.map(({ guard }) => ({ id: guard.instanceId, version: guard.version, job_key: guard.jobKey, token: guard.fencingToken, worker: guard.workerId }));
  const states: InstanceUpdateRow[] = [];
  const ends: Array<{ instance_id: string; id: string; state: string; end_time: string }> = [];
  const deletes: Array<{ instance_id: string; key: string }> = [];
  for (const { guard, plan } of entries) {
    for (const update of plan.updates) {
      if (update.kind === 'instance') states.push(instanceUpdateRow(update.state));
      else if (update.kind === 'activity-end') ends.push({ instance_id: guard.instanceId, id: update.id, state: update.state, end_time: update.endTime });
      else if (update.kind === 'job-delete') deletes.push({ instance_id: guard.instanceId, key: update.key });
    }
  }
  const written = sql`(select id from written)`;
  const ctes = [
    sql`held as (
      select i.id from jsonb_to_recordset(${JSON.stringify(guards)}::jsonb) as g(id text, version integer, job_key text, token integer, worker text)
      join engine_process_instances i on i.id = g.id and i.version = g.version
      join engine_jobs j on j.key = g.job_key and j.fencing_token = g.token and j.worker = g.worker
      order by i.id for update of i, j)`,
    sql`written as (
      update engine_process_instances i set definition_id = r.definition_id, state = r.state, version = r.version, data = r.data, end_time = r.end_time
      from jsonb_to_recordset(${JSON.stringify(states)}::jsonb) as r(id text, definition_id text, state text, version integer, data jsonb, end_time timestamptz)
      where i.id = r.id and r.id in (select id from held) returning i.id)`,
  ];
  if (ends.length > 0) {
    ctes.push(sql`ends as (update engine_activity_instances a set state = r.state, end_time = r.end_time
      from jsonb_to_recordset(${JSON.stringify(ends)}::jsonb) as r(instance_id text, id text, state text, end_time timestamptz)
      where a.id = r.id and r.instance_id in ${written})`);
  }
  if (deletes.length > 0) {
    ctes.push(sql`deletes as (delete from engine_jobs j using jsonb_to_recordset(${JSON.stringify(deletes)}::jsonb) as r(instance_id text, key text)
      where j.key = r.key and r.instance_id in ${written})`);
  }
  insertStatements(mergeRows(entries.map(({ plan }) => plan.rows)), written).forEach((statement, index) => ctes.push(sql`${sql.raw(`insert_${index}`)} as (${statement})`));
  const { rows } = await sql<{ id: string }>`with ${sql.join(ctes)} select id from written`.execute(db);
  return new Set(rows.map((row) => row.id));
}

/** Rows of several plans in one (for a batch of starts). */
export function mergeRows(all: readonly NewRows[]): NewRows {
  return {
    instances: all.flatMap((r) => r.instances),
    activities: all.flatMap((r) => r.activities),
    tasks: all.flatMap((r) => r.tasks),
    jobs: all.flatMap((r) => r.jobs),
    incidents: all.flatMap((r) => r.incidents),
    subscriptions: all.flatMap((r) => r.subscriptions),
  };
}

/**
 * One statement per table, whatever the number of rows: the rows travel as a single JSON
 * parameter that PostgreSQL unpacks (`jsonb_to_recordset`). Building and sending a
 * statement with a parameter per value cost more than the engine itself.
 */
function insertStatements(rows: NewRows, onlyInstancesIn?: RawBuilder<unknown>) {
  return (Object.keys(TABLES) as Array<keyof NewRows>)
    .filter((name) => rows[name].length > 0)
    .map((name) => {
      const { table, columns } = TABLES[name];
      const names = sql.raw(Object.keys(columns).join(', '));
      const types = sql.raw(Object.entries(columns).map(([column, type]) => `${column} ${type}`).join(', '));
      const only = onlyInstancesIn ? sql` where r.instance_id in ${onlyInstancesIn}` : sql``;
      return sql`insert into ${sql.table(table)} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(rows[name])}::jsonb) as r(${types})${only}`;
    });
}

/** Column names and SQL types of the rows each table receives (see the migration). */
const TABLES: Record<keyof NewRows, { table: string; columns: Record<string, string> }> = {
  instances: {
    table: 'engine_process_instances',
    columns: { id: 'text', definition_id: 'text', process_key: 'text', business_key: 'text', state: 'text', parent_instance_id: 'text', root_instance_id: 'text', version: 'integer', data: 'jsonb', start_time: 'timestamptz', end_time: 'timestamptz' },
  },
  activities: {
    table: 'engine_activity_instances',
    columns: { id: 'text', instance_id: 'text', activity_id: 'text', activity_type: 'text', scope_key: 'text', loop_counter: 'integer', state: 'text', start_time: 'timestamptz', end_time: 'timestamptz', called_instance_id: 'text' },
  },
  tasks: {
    table: 'engine_user_tasks',
    columns: {
      key: 'text', instance_id: 'text', element_id: 'text', element_instance_key: 'text', name: 'text', assignee: 'text', candidate_groups: 'text[]', candidate_users: 'text[]',
      due_date: 'timestamptz', follow_up_date: 'timestamptz', priority: 'integer', form_key: 'text', state: 'text', created_at: 'timestamptz', ended_at: 'timestamptz',
    },
  },
  jobs: {
    table: 'engine_jobs',
    columns: {
      key: 'text', instance_id: 'text', element_id: 'text', type: 'text', retries: 'integer', state: 'text', due_at: 'timestamptz', worker: 'text', lock_expires_at: 'timestamptz',
      error_message: 'text', created_at: 'timestamptz', kind: 'text', definition_id: 'text', timer: 'jsonb', priority: 'integer',
    },
  },
  subscriptions: {
    table: 'engine_subscriptions',
    columns: { key: 'text', kind: 'text', name: 'text', correlation_key: 'text', process_key: 'text', definition_id: 'text', instance_id: 'text', element_id: 'text', element_instance_key: 'text', created_at: 'timestamptz' },
  },
  incidents: {
    table: 'engine_incidents',
    columns: { key: 'text', instance_id: 'text', element_id: 'text', element_instance_key: 'text', error_type: 'text', message: 'text', job_key: 'text', created_at: 'timestamptz', resolved_at: 'timestamptz', details: 'text' },
  },
};

export function planCommandResult(trx: Trx, before: InstanceState | null, after: InstanceState, events: readonly EngineEvent[]): WritePlan {
  const updates: RowUpdate[] = [];
  const other = (run: () => Promise<unknown>) => updates.push({ kind: 'other', run });
  const instances = before === null ? [instanceRow(after)] : [];
  if (before !== null) updates.push({ kind: 'instance', state: after });
  const activities = new Map<string, ActivityRow>();
  const tasks: Insertable<EngineTables['engine_user_tasks']>[] = [];
  const jobs: Insertable<EngineTables['engine_jobs']>[] = [];
  const incidents: Insertable<EngineTables['engine_incidents']>[] = [];
  const subscriptions: Insertable<EngineTables['engine_subscriptions']>[] = [];

  for (const event of events) {
    const time = new Date(event.time);
    const history = activityHistoryChange(event);
    if (history?.type === 'insert') {
      const r = history.record;
      activities.set(r.id, { id: r.id, instance_id: r.instanceId, activity_id: r.activityId, activity_type: r.activityType, scope_key: r.scopeKey, loop_counter: r.loopCounter, state: 'active', start_time: time, end_time: null, called_instance_id: null });
    } else if (history?.type === 'end') {
      const pending = activities.get(history.id);
      if (pending) Object.assign(pending, { state: history.state, end_time: new Date(history.endTime) });
      else if (hasHistoryRow(before, history.id)) updates.push({ kind: 'activity-end', id: history.id, state: history.state, endTime: history.endTime });
    } else if (history?.type === 'called') {
      const pending = activities.get(history.id);
      if (pending) pending.called_instance_id = history.calledProcessInstanceId;
      else other(() => trx.updateTable('engine_activity_instances').set({ called_instance_id: history.calledProcessInstanceId }).where('id', '=', history.id).execute());
    }

    switch (event.type) {
      case 'user-task-created': {
        const task = after.userTasks[event.payload.taskKey];
        if (!task) break; // created and completed within this command
        tasks.push({
          key: task.key, instance_id: after.id, element_id: task.elementId, element_instance_key: task.elementInstanceKey, name: task.name, assignee: task.assignee,
          candidate_groups: [...task.candidateGroups], candidate_users: [...task.candidateUsers], due_date: dateOrNull(task.dueDate), follow_up_date: dateOrNull(task.followUpDate),
          priority: task.priority, form_key: task.formKey, state: 'created', created_at: time, ended_at: null,
        });
        break;
      }
      case 'user-task-assigned': {
        const { taskKey, assignee } = event.payload;
        const pending = tasks.find((t) => t.key === taskKey);
        if (pending) pending.assignee = assignee;
        else other(() => trx.updateTable('engine_user_tasks').set({ assignee }).where('key', '=', taskKey).execute());
        break;
      }
      case 'user-task-completed':
      case 'user-task-cancelled': {
        const { taskKey } = event.payload;
        const state = event.type === 'user-task-completed' ? 'completed' : 'cancelled';
        other(() => trx.updateTable('engine_user_tasks').set({ state, ended_at: time }).where('key', '=', taskKey).execute());
        break;
      }
      case 'job-created': {
        const job = after.jobs[event.payload.jobKey];
        if (!job) break;
        jobs.push({ key: job.key, instance_id: after.id, element_id: job.elementId, type: job.type, retries: job.retries, state: 'activatable', due_at: time, worker: null, lock_expires_at: null, error_message: null, created_at: time, kind: 'work', definition_id: null, timer: null, priority: job.priority ?? 0 });
        break;
      }
      case 'job-completed':
      case 'job-cancelled': {
        const { jobKey } = event.payload;
        const index = jobs.findIndex((j) => j.key === jobKey);
        if (index >= 0) jobs.splice(index, 1);
        else updates.push({ kind: 'job-delete', key: jobKey });
        break;
      }
      case 'job-failed':
      case 'job-error-thrown':
      case 'job-retries-updated': {
        const job = after.jobs[event.payload.jobKey];
        if (!job) break;
        const dueAt = job.retryAt === undefined ? time : new Date(job.retryAt);
        other(() =>
          trx
            .updateTable('engine_jobs')
            .set({ retries: job.retries, state: job.state, due_at: dueAt, worker: null, lock_expires_at: null, error_message: job.errorMessage ?? null, error_details: job.errorDetails ?? null })
            .where('key', '=', job.key)
            .execute(),
        );
        break;
      }
      case 'incident-created': {
        const incident = after.incidents[event.payload.incidentKey];
        if (!incident) break;
        incidents.push({
          key: incident.key, instance_id: after.id, element_id: incident.elementId, element_instance_key: incident.elementInstanceKey, error_type: incident.errorType, message: incident.message,
          job_key: incident.jobKey ?? null, created_at: time, resolved_at: null, details: incident.details ?? null,
        });
        break;
      }
      case 'subscription-opened': {
        const subscription = event.payload.subscription;
        if (!after.subscriptions?.[subscription.key]) break; // opened and closed within this command
        if (subscription.kind === 'timer') {
          jobs.push({
            key: subscription.key, instance_id: after.id, element_id: subscription.elementId, type: TIMER_JOB_TYPE, retries: 0, state: 'activatable', due_at: new Date(subscription.dueAt!),
            worker: null, lock_expires_at: null, error_message: null, created_at: time, kind: 'timer', definition_id: after.definitionId, timer: null, priority: 0,
          });
        } else if (subscription.kind === 'message' || subscription.kind === 'signal') {
          subscriptions.push({
            key: subscription.key, kind: subscription.kind, name: subscription.name!, correlation_key: subscription.correlationKey ?? null, process_key: after.processKey,
            definition_id: after.definitionId, instance_id: after.id, element_id: subscription.elementId, element_instance_key: subscription.elementInstanceKey, created_at: time,
          });
        }
        break;
      }
      case 'subscription-closed': {
        const { subscriptionKey, kind } = event.payload;
        if (kind === 'conditional') break;
        const pending = kind === 'timer' ? jobs : subscriptions;
        const index = pending.findIndex((row) => row.key === subscriptionKey);
        if (index >= 0) pending.splice(index, 1);
        else if (kind === 'timer') updates.push({ kind: 'job-delete', key: subscriptionKey });
        else other(() => trx.deleteFrom('engine_subscriptions').where('key', '=', subscriptionKey).execute());
        break;
      }
      case 'timer-rescheduled': {
        const { subscriptionKey, dueAt } = event.payload;
        const pending = jobs.find((row) => row.key === subscriptionKey);
        if (pending) pending.due_at = new Date(dueAt);
        else other(() => trx.updateTable('engine_jobs').set({ due_at: new Date(dueAt), state: 'activatable', worker: null, lock_expires_at: null }).where('key', '=', subscriptionKey).execute());
        break;
      }
      case 'instance-migrated': {
        const { toDefinitionId, mappings } = event.payload;
        const map = JSON.stringify(mappings);
        // One statement per table with the whole mapping: a swap (a → b, b → a) moves each row once.
        for (const table of ['engine_user_tasks', 'engine_jobs', 'engine_subscriptions', 'engine_incidents'] as const) {
          other(() => sql`update ${sql.table(table)} t set element_id = m.value from jsonb_each_text(${map}::jsonb) m where t.instance_id = ${after.id} and t.element_id = m.key`.execute(trx));
        }
        other(() => trx.updateTable('engine_subscriptions').set({ definition_id: toDefinitionId }).where('instance_id', '=', after.id).execute());
        other(() => trx.updateTable('engine_jobs').set({ definition_id: toDefinitionId }).where('instance_id', '=', after.id).where('kind', '=', 'timer').execute());
        break;
      }
      case 'incident-resolved': {
        const { incidentKey } = event.payload;
        other(() => trx.updateTable('engine_incidents').set({ resolved_at: time }).where('key', '=', incidentKey).execute());
        break;
      }
      default:
        break;
    }
  }

  return { rows: { instances, activities: [...activities.values()], tasks, jobs, incidents, subscriptions }, updates };
}

function instanceRow(after: InstanceState): InstanceRow {
  return {
    id: after.id, definition_id: after.definitionId, process_key: after.processKey, business_key: after.businessKey, state: after.state,
    parent_instance_id: after.parent?.instanceId ?? null, root_instance_id: after.parent?.rootInstanceId ?? after.id, version: after.version,
    data: after, start_time: new Date(after.startTime), end_time: dateOrNull(after.endTime),
  };
}

type InstanceUpdateRow = { id: string; definition_id: string; state: string; version: number; data: InstanceState; end_time: string | null };

function instanceUpdateRow(s: InstanceState): InstanceUpdateRow {
  return { id: s.id, definition_id: s.definitionId, state: s.state, version: s.version, data: s, end_time: s.endTime };
}

function instanceUpdate(trx: Trx, after: InstanceState) {
  return trx
    .updateTable('engine_process_instances')
    .set({ definition_id: after.definitionId, state: after.state, version: after.version, data: stateJson(after), end_time: dateOrNull(after.endTime) })
    .where('id', '=', after.id)
    .execute();
}

const stateJson = (state: InstanceState) => sql<InstanceState>`${JSON.stringify(state)}::jsonb`;

/**
 * Whether an element instance that ends in this command got an activity row in an earlier
 * one: not for a new instance (all its rows are in this plan), and not for scopes — the
 * process, loop and multi-instance bodies are not activities (see runtime/history.ts).
 */
function hasHistoryRow(before: InstanceState | null, elementInstanceKey: string): boolean {
  const kind = before?.elements[elementInstanceKey]?.kind;
  return kind !== undefined && kind !== 'process' && kind !== 'multi-instance-body' && kind !== 'loop-body' && kind !== 'compensation';
}

function dateOrNull(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}
