import { sql, type Kysely, type Insertable } from 'kysely';
import type { EngineEvent } from '../runtime/events.js';
import { activityHistoryChange } from '../runtime/history.js';
import type { InstanceState } from '../state/instance-state.js';
import type { EngineTables } from './tables.js';

type Trx = Kysely<EngineTables>;
type ActivityRow = Insertable<EngineTables['engine_activity_instances']>;

/**
 * The writes one command implies for one instance: the instance row (state as jsonb) and
 * the rows its events imply in tasks, jobs, incidents and activity history. Inserts are
 * batched per table; an activity that starts and ends within the command is inserted
 * once, already ended. A plan with no updates (a new instance) can be sent as one statement.
 */
export interface WritePlan {
  /** Multi-row inserts, one per table that gets rows. */
  readonly inserts: ReadonlyArray<{ execute(): Promise<unknown>; toOperationNode(): unknown }>;
  readonly updates: ReadonlyArray<() => Promise<unknown>>;
}

export async function writeCommandResult(trx: Trx, before: InstanceState | null, after: InstanceState, events: readonly EngineEvent[]): Promise<void> {
  const plan = planCommandResult(trx, before, after, events);
  for (const insert of plan.inserts) await insert.execute();
  for (const update of plan.updates) await update();
}

/**
 * Sends a plan without updates as one statement (data-modifying CTEs): atomic on its own,
 * so a new instance needs no transaction round trips.
 */
export async function writeInsertsAtOnce(db: Trx, plan: WritePlan): Promise<void> {
  if (plan.updates.length) throw new Error('Expected a plan of inserts only, but it has updates');
  let builder: any = db;
  plan.inserts.forEach((insert, index) => {
    builder = builder.with(`write_${index}`, () => insert);
  });
  await builder.selectNoFrom(sql<number>`1`.as('written')).execute();
}

export function planCommandResult(trx: Trx, before: InstanceState | null, after: InstanceState, events: readonly EngineEvent[]): WritePlan {
  const inserts: WritePlan['inserts'][number][] = [];
  const updates: Array<() => Promise<unknown>> = [];
  if (before === null) inserts.push(instanceInsert(trx, after));
  else updates.push(() => instanceUpdate(trx, after));
  const activities = new Map<string, ActivityRow>();
  const tasks: Insertable<EngineTables['engine_user_tasks']>[] = [];
  const jobs: Insertable<EngineTables['engine_jobs']>[] = [];
  const incidents: Insertable<EngineTables['engine_incidents']>[] = [];

  for (const event of events) {
    const time = new Date(event.time);
    const history = activityHistoryChange(event);
    if (history?.type === 'insert') {
      const r = history.record;
      activities.set(r.id, { id: r.id, instance_id: r.instanceId, activity_id: r.activityId, activity_type: r.activityType, scope_key: r.scopeKey, loop_counter: r.loopCounter, state: 'active', start_time: time, end_time: null, called_instance_id: null });
    } else if (history?.type === 'end') {
      const pending = activities.get(history.id);
      if (pending) Object.assign(pending, { state: history.state, end_time: new Date(history.endTime) });
      else updates.push(() => trx.updateTable('engine_activity_instances').set({ state: history.state, end_time: new Date(history.endTime) }).where('id', '=', history.id).execute());
    } else if (history?.type === 'called') {
      const pending = activities.get(history.id);
      if (pending) pending.called_instance_id = history.calledProcessInstanceId;
      else updates.push(() => trx.updateTable('engine_activity_instances').set({ called_instance_id: history.calledProcessInstanceId }).where('id', '=', history.id).execute());
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
        else updates.push(() => trx.updateTable('engine_user_tasks').set({ assignee }).where('key', '=', taskKey).execute());
        break;
      }
      case 'user-task-completed':
      case 'user-task-cancelled': {
        const { taskKey } = event.payload;
        const state = event.type === 'user-task-completed' ? 'completed' : 'cancelled';
        updates.push(() => trx.updateTable('engine_user_tasks').set({ state, ended_at: time }).where('key', '=', taskKey).execute());
        break;
      }
      case 'job-created': {
        const job = after.jobs[event.payload.jobKey];
        if (!job) break;
        jobs.push({ key: job.key, instance_id: after.id, element_id: job.elementId, type: job.type, retries: job.retries, state: 'activatable', due_at: time, worker: null, lock_expires_at: null, error_message: null, created_at: time });
        break;
      }
      case 'job-completed':
      case 'job-cancelled':
      case 'job-error-thrown': {
        const { jobKey } = event.payload;
        const index = jobs.findIndex((j) => j.key === jobKey);
        if (index >= 0) jobs.splice(index, 1);
        else updates.push(() => trx.deleteFrom('engine_jobs').where('key', '=', jobKey).execute());
        break;
      }
      case 'job-failed':
      case 'job-retries-updated': {
        const job = after.jobs[event.payload.jobKey];
        if (!job) break;
        const dueAt = job.retryAt === undefined ? time : new Date(job.retryAt);
        updates.push(() =>
          trx
            .updateTable('engine_jobs')
            .set({ retries: job.retries, state: job.state, due_at: dueAt, worker: null, lock_expires_at: null, error_message: job.errorMessage ?? null })
            .where('key', '=', job.key)
            .execute(),
        );
        break;
      }
      case 'incident-created': {
        const incident = after.incidents[event.payload.incidentKey];
        if (!incident) break;
        incidents.push({ key: incident.key, instance_id: after.id, element_id: incident.elementId, element_instance_key: incident.elementInstanceKey, error_type: incident.errorType, message: incident.message, job_key: incident.jobKey ?? null, created_at: time, resolved_at: null });
        break;
      }
      case 'incident-resolved': {
        const { incidentKey } = event.payload;
        updates.push(() => trx.updateTable('engine_incidents').set({ resolved_at: time }).where('key', '=', incidentKey).execute());
        break;
      }
      default:
        break;
    }
  }

  if (activities.size) inserts.push(trx.insertInto('engine_activity_instances').values([...activities.values()]));
  if (tasks.length) inserts.push(trx.insertInto('engine_user_tasks').values(tasks));
  if (jobs.length) inserts.push(trx.insertInto('engine_jobs').values(jobs));
  if (incidents.length) inserts.push(trx.insertInto('engine_incidents').values(incidents));
  return { inserts, updates };
}

function instanceInsert(trx: Trx, after: InstanceState) {
  return trx.insertInto('engine_process_instances').values({
    id: after.id, definition_id: after.definitionId, process_key: after.processKey, business_key: after.businessKey, state: after.state,
    parent_instance_id: after.parent?.instanceId ?? null, root_instance_id: after.parent?.rootInstanceId ?? after.id, version: after.version,
    data: stateJson(after), start_time: new Date(after.startTime), end_time: dateOrNull(after.endTime),
  });
}

function instanceUpdate(trx: Trx, after: InstanceState) {
  return trx
    .updateTable('engine_process_instances')
    .set({ state: after.state, version: after.version, data: stateJson(after), end_time: dateOrNull(after.endTime) })
    .where('id', '=', after.id)
    .execute();
}

const stateJson = (state: InstanceState) => sql<InstanceState>`${JSON.stringify(state)}::jsonb`;

function dateOrNull(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}
