import { sql } from 'kysely';
import { keysetBefore, microsOf } from '../timeline-keyset.js';
import type { SortedEntry, TimelineSource } from '../timeline-source.js';

/** User tasks of the customer's processes (and their sub-processes): created, and completed by whom. */
export const taskSource: TimelineSource = {
  key: 'task',
  async load(context, page) {
    const roots = await context.instanceIds();
    if (!roots.length) return [];
    const { db } = context;
    const ofTheseProcesses = db.selectFrom('engine_process_instances as pi').select('pi.id').where('pi.root_instance_id', 'in', roots);
    const events = db
      .selectFrom('engine_user_tasks as t')
      .select(['t.key', 't.name', 't.element_id', 't.instance_id', sql<string>`'created'`.as('event'), sql<Date>`t.created_at`.as('at'), sql<string | null>`null`.as('actor')])
      .where('t.instance_id', 'in', ofTheseProcesses)
      .unionAll(
        db
          .selectFrom('engine_user_tasks as t')
          .select(['t.key', 't.name', 't.element_id', 't.instance_id', sql<string>`'completed'`.as('event'), sql<Date>`t.ended_at`.as('at'), sql<string | null>`t.assignee`.as('actor')])
          .where('t.instance_id', 'in', ofTheseProcesses)
          .where('t.state', '=', 'completed'),
      )
      .as('e');
    // Byte order (collate "C"), the order the merge in timeline.ts compares these ids in.
    const sortId = sql<string>`(e.key || '/' || e.event) collate "C"`;
    const rows = await db
      .selectFrom(events)
      .select(['e.key', 'e.name', 'e.element_id', 'e.instance_id', 'e.event', 'e.at', 'e.actor', microsOf(sql.ref('e.at')).as('micros'), sortId.as('sort_id')])
      .where('e.at', 'is not', null)
      .where(keysetBefore(sql.ref('e.at'), sortId, page.before))
      .orderBy(sql`e.at`, 'desc')
      .orderBy(sortId, 'desc')
      .limit(page.limit)
      .execute();
    return rows.map(
      (row): SortedEntry => ({
        at: row.at,
        micros: row.micros,
        sortId: row.sort_id,
        kind: `task.${row.event}`,
        title: `Task '${row.name ?? row.element_id}' ${row.event}`,
        actorId: row.actor,
        link: `/api/process-instances/${row.instance_id}`,
      }),
    );
  },
};
