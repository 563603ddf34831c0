import { sql } from 'kysely';
import { keysetBefore, microsOf } from '../timeline-keyset.js';
import type { SortedEntry, TimelineSource } from '../timeline-source.js';

/** The customer's process instances starting and ending (completed or terminated). */
export const processSource: TimelineSource = {
  key: 'process',
  async load(context, page) {
    const ids = await context.instanceIds();
    if (!ids.length) return [];
    const { db } = context;
    const events = db
      .selectFrom('engine_process_instances as pi')
      .select(['pi.id', 'pi.definition_id', sql<string>`'started'`.as('event'), sql<Date>`pi.start_time`.as('at')])
      .where('pi.id', 'in', ids)
      .unionAll(
        db
          .selectFrom('engine_process_instances as pi')
          .select(['pi.id', 'pi.definition_id', sql<string>`pi.state`.as('event'), sql<Date>`pi.end_time`.as('at')])
          .where('pi.id', 'in', ids)
          .where('pi.end_time', 'is not', null),
      )
      .as('e');
    // Byte order (collate "C"), the order the merge in timeline.ts compares these ids in.
    const sortId = sql<string>`(e.id || '/' || e.event) collate "C"`;
    const rows = await db
      .selectFrom(events)
      .innerJoin('engine_process_definitions as pd', 'pd.id', 'e.definition_id')
      .select(['e.id', 'e.event', 'e.at', sql<string>`coalesce(pd.name, pd.key)`.as('process'), microsOf(sql.ref('e.at')).as('micros'), sortId.as('sort_id')])
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
        kind: `process.${row.event}`,
        title: `Process '${row.process}' ${row.event}`,
        actorId: null,
        link: `/api/process-instances/${row.id}`,
      }),
    );
  },
};
