import type { Customer360Section } from '../section.js';

const instance = {
  type: 'object',
  required: ['id', 'processKey', 'processName', 'businessKey', 'state', 'startTime'],
  properties: {
    id: { type: 'string' },
    processKey: { type: 'string' },
    processName: { type: ['string', 'null'] },
    businessKey: { type: ['string', 'null'] },
    state: { type: 'string' },
    startTime: { type: 'string', format: 'date-time' },
  },
} as const;
const task = {
  type: 'object',
  required: ['id', 'name', 'taskDefinitionKey', 'processInstanceId', 'assignee', 'candidateGroups', 'dueDate', 'createdAt'],
  properties: {
    id: { type: 'string' },
    name: { type: ['string', 'null'] },
    taskDefinitionKey: { type: 'string' },
    processInstanceId: { type: 'string' },
    assignee: { type: ['string', 'null'] },
    candidateGroups: { type: 'array', items: { type: 'string' } },
    dueDate: { type: ['string', 'null'], format: 'date-time' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

/**
 * The running process instances anchored to the customer (business key = the customer or
 * one of its deals, or a deal's own instance) and the open user tasks in them, including
 * tasks of their sub-processes (same root instance). Two queries.
 */
export const processesSection: Customer360Section = {
  key: 'processes',
  schema: { type: 'object', required: ['instances', 'openTasks'], properties: { instances: { type: 'array', items: instance }, openTasks: { type: 'array', items: task } } },
  async load({ db, instanceIds }) {
    const ids = await instanceIds();
    if (!ids.length) return { instances: [], openTasks: [] };
    const instances = await db
      .selectFrom('engine_process_instances as pi')
      .innerJoin('engine_process_definitions as pd', 'pd.id', 'pi.definition_id')
      .select(['pi.id', 'pi.process_key', 'pd.name', 'pi.business_key', 'pi.state', 'pi.start_time'])
      .where('pi.id', 'in', ids)
      .where('pi.state', 'in', ['active', 'incident'])
      .orderBy('pi.start_time', 'desc')
      .execute();
    const tasks = await db
      .selectFrom('engine_user_tasks as t')
      .innerJoin('engine_process_instances as pi', 'pi.id', 't.instance_id')
      .select(['t.key', 't.name', 't.element_id', 't.instance_id', 't.assignee', 't.candidate_groups', 't.due_date', 't.created_at'])
      .where('pi.root_instance_id', 'in', ids)
      .where('t.state', '=', 'created')
      .orderBy('t.created_at')
      .execute();
    return {
      instances: instances.map((i) => ({ id: i.id, processKey: i.process_key, processName: i.name, businessKey: i.business_key, state: i.state, startTime: i.start_time.toISOString() })),
      openTasks: tasks.map((t) => ({
        id: t.key,
        name: t.name,
        taskDefinitionKey: t.element_id,
        processInstanceId: t.instance_id,
        assignee: t.assignee,
        candidateGroups: t.candidate_groups,
        dueDate: t.due_date?.toISOString() ?? null,
        createdAt: t.created_at.toISOString(),
      })),
    };
  },
};
