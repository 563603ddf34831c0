import { sql } from 'kysely';
import type { DealHistoryRow } from '../../../deals/deal.tables.js';
import { keysetBefore, microsOf, paddedId } from '../timeline-keyset.js';
import type { SortedEntry, TimelineSource } from '../timeline-source.js';

/** Every change of the customer's visible deals: created, moved, changed, won/lost, reopened. */
export const dealHistorySource: TimelineSource = {
  key: 'deal',
  async load(context, page) {
    const { ids } = await context.dealRefs();
    if (!ids.length) return [];
    const rows = await context.db
      .selectFrom('deal_stage_history as h')
      .innerJoin('deals as d', 'd.id', 'h.deal_id')
      .leftJoin('pipeline_stages as fs', (join) => join.onRef('fs.pipeline_id', '=', 'd.pipeline_id').onRef('fs.key', '=', 'h.from_stage'))
      .leftJoin('pipeline_stages as ts', (join) => join.onRef('ts.pipeline_id', '=', 'd.pipeline_id').onRef('ts.key', '=', 'h.to_stage'))
      .select([
        'h.deal_id',
        'h.change',
        'h.from_stage',
        'h.to_stage',
        'h.status',
        'h.reason',
        'h.currency',
        'h.by_user_id',
        'h.at',
        'd.title',
        sql<string>`h.amount::text`.as('amount'),
        sql<string>`coalesce(fs.name, h.from_stage)`.as('from_name'),
        sql<string>`coalesce(ts.name, h.to_stage)`.as('to_name'),
        microsOf(sql.ref('h.at')).as('micros'),
        paddedId(sql.ref('h.id')).as('sort_id'),
      ])
      .where('h.deal_id', 'in', ids)
      .where(keysetBefore(sql.ref('h.at'), paddedId(sql.ref('h.id')), page.before))
      .orderBy(sql`h.at`, 'desc')
      .orderBy('h.id', 'desc')
      .limit(page.limit)
      .execute();
    return rows.map(
      (row): SortedEntry => ({
        at: row.at,
        micros: row.micros,
        sortId: row.sort_id,
        kind: `deal.${row.change}`,
        title: titleOf(row),
        actorId: row.by_user_id,
        link: `/api/deals/${row.deal_id}`,
      }),
    );
  },
};

type Change = Pick<DealHistoryRow, 'change' | 'status' | 'reason' | 'currency'> & { title: string; amount: string; from_name: string; to_name: string };

function titleOf(row: Change): string {
  const deal = `Deal '${row.title}'`;
  switch (row.change) {
    case 'create':
      return `${deal} opened in ${row.to_name} (${row.amount} ${row.currency})`;
    case 'stage':
      return `${deal} moved from ${row.from_name} to ${row.to_name}`;
    case 'close':
      return `${deal} ${row.status}${row.reason ? `: ${row.reason}` : ''}`;
    case 'reopen':
      return `${deal} reopened in ${row.to_name}`;
    default:
      return `${deal} changed (${row.amount} ${row.currency})`;
  }
}
