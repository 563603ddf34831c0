import type { Kysely } from 'kysely';
import { activeElements, rootVariables } from '../runtime/views.js';
import type { EngineTables } from './tables.js';

type Db = Kysely<EngineTables>;

export interface InstanceFilter {
  readonly processDefinitionKey?: string | undefined;
  readonly businessKey?: string | undefined;
  readonly state?: string | undefined;
  readonly parentInstanceId?: string | undefined;
  readonly limit: number;
  /** Keyset cursor: the id of the last instance of the previous page (newest first). */
  readonly after?: string | undefined;
}

const instanceColumns = ['id', 'definition_id', 'process_key', 'business_key', 'state', 'parent_instance_id', 'start_time', 'end_time', 'version'] as const;

export async function listInstances(db: Db, filter: InstanceFilter) {
  let query = db.selectFrom('engine_process_instances').select(instanceColumns).orderBy('start_time', 'desc').orderBy('id', 'desc').limit(filter.limit + 1);
  if (filter.processDefinitionKey) query = query.where('process_key', '=', filter.processDefinitionKey);
  if (filter.businessKey) query = query.where('business_key', '=', filter.businessKey);
  if (filter.state) query = query.where('state', '=', filter.state as never);
  if (filter.parentInstanceId) query = query.where('parent_instance_id', '=', filter.parentInstanceId);
  if (filter.after) {
    const cursor = await db.selectFrom('engine_process_instances').select(['start_time', 'id']).where('id', '=', filter.after).executeTakeFirst();
    if (cursor) query = query.where((eb) => eb.or([eb('start_time', '<', cursor.start_time), eb.and([eb('start_time', '=', cursor.start_time), eb('id', '<', cursor.id)])]));
  }
  const rows = await query.execute();
  const page = rows.slice(0, filter.limit);
  return { items: page.map(toInstanceDto), nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null };
}

export async function getInstance(db: Db, id: string) {
  const row = await db.selectFrom('engine_process_instances').select([...instanceColumns, 'data']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const incidents = Object.values(row.data.incidents).map((i) => ({ id: i.key, elementId: i.elementId, errorType: i.errorType, message: i.message, createdAt: i.createdAt }));
  return { ...toInstanceDto(row), variables: rootVariables(row.data), activeElements: activeElements(row.data), incidents };
}

function toInstanceDto(row: { id: string; definition_id: string; process_key: string; business_key: string | null; state: string; parent_instance_id: string | null; start_time: Date; end_time: Date | null; version: number }) {
  return {
    id: row.id,
    state: row.state,
    processDefinitionId: row.definition_id,
    processDefinitionKey: row.process_key,
    businessKey: row.business_key,
    parentInstanceId: row.parent_instance_id,
    startTime: row.start_time.toISOString(),
    endTime: row.end_time?.toISOString() ?? null,
    version: row.version,
  };
}

/** Activity instances of one process instance in start order (one per loop iteration and multi-instance instance). */
export async function activityHistory(db: Db, instanceId: string) {
  const rows = await db.selectFrom('engine_activity_instances').selectAll().where('instance_id', '=', instanceId).orderBy('seq').execute();
  return rows.map((r) => ({
    id: r.id,
    processInstanceId: r.instance_id,
    activityId: r.activity_id,
    activityType: r.activity_type,
    state: r.state,
    loopCounter: r.loop_counter,
    startTime: r.start_time.toISOString(),
    endTime: r.end_time?.toISOString() ?? null,
    ...(r.called_instance_id ? { calledProcessInstanceId: r.called_instance_id } : {}),
  }));
}

export interface TaskFilter {
  readonly processInstanceId?: string | undefined;
  readonly assignee?: string | undefined;
  readonly candidateGroup?: string | undefined;
  readonly candidateUser?: string | undefined;
  /** Tasks a user may work: assigned to them, or unassigned and offered to them or one of their groups. */
  readonly visibleTo?: { readonly identities: readonly string[]; readonly groups: readonly string[] } | undefined;
  readonly state?: 'created' | 'completed' | 'cancelled' | undefined;
  readonly limit: number;
}

export async function listTasks(db: Db, filter: TaskFilter) {
  let query = db
    .selectFrom('engine_user_tasks as t')
    .innerJoin('engine_process_instances as i', 'i.id', 't.instance_id')
    .selectAll('t')
    .select(['i.process_key', 'i.definition_id', 'i.business_key'])
    .where('t.state', '=', filter.state ?? 'created')
    .orderBy('t.priority', 'desc')
    .orderBy('t.created_at')
    .limit(filter.limit);
  if (filter.processInstanceId) query = query.where('t.instance_id', '=', filter.processInstanceId);
  if (filter.assignee) query = query.where('t.assignee', '=', filter.assignee);
  if (filter.candidateGroup) query = query.where((eb) => eb(eb.val(filter.candidateGroup), '=', eb.fn.any('t.candidate_groups')));
  if (filter.candidateUser) query = query.where((eb) => eb(eb.val(filter.candidateUser), '=', eb.fn.any('t.candidate_users')));
  const visible = filter.visibleTo;
  if (visible) {
    query = query.where((eb) =>
      eb.or([
        eb('t.assignee', 'in', [...visible.identities]),
        eb.and([
          eb('t.assignee', 'is', null),
          eb.or([
            eb('t.candidate_users', '&&', eb.val([...visible.identities])),
            ...(visible.groups.length ? [eb('t.candidate_groups', '&&', eb.val([...visible.groups]))] : []),
          ]),
        ]),
      ]),
    );
  }
  return (await query.execute()).map(toTaskDto);
}

export async function getTask(db: Db, key: string) {
  const row = await db
    .selectFrom('engine_user_tasks as t')
    .innerJoin('engine_process_instances as i', 'i.id', 't.instance_id')
    .selectAll('t')
    .select(['i.process_key', 'i.definition_id', 'i.business_key'])
    .where('t.key', '=', key)
    .executeTakeFirst();
  return row && toTaskDto(row);
}

export type TaskDto = ReturnType<typeof toTaskDto>;

function toTaskDto(r: EngineTables['engine_user_tasks'] & { process_key: string; definition_id: string; business_key: string | null }) {
  return {
    id: r.key,
    taskDefinitionKey: r.element_id,
    name: r.name,
    processInstanceId: r.instance_id,
    processDefinitionKey: r.process_key,
    processDefinitionId: r.definition_id,
    businessKey: r.business_key,
    assignee: r.assignee,
    candidateGroups: r.candidate_groups,
    candidateUsers: r.candidate_users,
    dueDate: r.due_date?.toISOString() ?? null,
    followUpDate: r.follow_up_date?.toISOString() ?? null,
    priority: r.priority,
    formKey: r.form_key,
    state: r.state,
    createdAt: r.created_at.toISOString(),
    endedAt: r.ended_at?.toISOString() ?? null,
  };
}

export async function listDefinitions(db: Db, filter: { key?: string | undefined; latestOnly?: boolean | undefined }) {
  let query = db.selectFrom('engine_process_definitions').select(['id', 'key', 'version', 'name', 'version_tag', 'deployment_id', 'created_at']).orderBy('key').orderBy('version', 'desc');
  if (filter.key) query = query.where('key', '=', filter.key);
  const rows = await query.execute();
  const seen = new Set<string>();
  return rows
    .filter((r) => !filter.latestOnly || (!seen.has(r.key) && seen.add(r.key)))
    .map((r) => ({ id: r.id, key: r.key, version: r.version, name: r.name, versionTag: r.version_tag, deploymentId: r.deployment_id, createdAt: r.created_at.toISOString() }));
}

export async function definitionXml(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('engine_process_definitions as d').innerJoin('engine_resources as r', 'r.id', 'd.resource_id').select('r.xml').where('d.id', '=', id).executeTakeFirst();
  return row?.xml;
}

export async function listIncidents(db: Db, filter: { processInstanceId?: string | undefined; open?: boolean | undefined }) {
  let query = db.selectFrom('engine_incidents').selectAll().orderBy('created_at', 'desc').limit(500);
  if (filter.processInstanceId) query = query.where('instance_id', '=', filter.processInstanceId);
  if (filter.open !== false) query = query.where('resolved_at', 'is', null);
  return (await query.execute()).map((r) => ({
    id: r.key,
    processInstanceId: r.instance_id,
    elementId: r.element_id,
    errorType: r.error_type,
    message: r.message,
    jobKey: r.job_key,
    details: r.details,
    createdAt: r.created_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
  }));
}
