import { sql } from 'kysely';
import { dealScope } from '../../deals/deal-scope.js';
import type { Customer360Section } from '../section.js';

/** The card shows this many deals (open ones first); the rest are a link to /api/deals?customerId=. */
const CARD_DEALS = 50;

const money = { type: 'object', required: ['currency', 'amount'], properties: { currency: { type: 'string' }, amount: { type: 'string' } } } as const;
const tally = { type: 'object', required: ['count', 'amounts'], properties: { count: { type: 'integer' }, amounts: { type: 'array', items: money } } } as const;
const deal = {
  type: 'object',
  required: ['id', 'title', 'amount', 'currency', 'status', 'stage', 'stageName', 'ownerId', 'expectedCloseDate', 'closedAt', 'processInstanceId', 'updatedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    title: { type: 'string' },
    amount: { type: 'string' },
    currency: { type: 'string' },
    status: { type: 'string' },
    stage: { type: 'string' },
    stageName: { type: 'string' },
    ownerId: { type: 'string', format: 'uuid' },
    expectedCloseDate: { type: ['string', 'null'], format: 'date' },
    closedAt: { type: ['string', 'null'], format: 'date-time' },
    processInstanceId: { type: ['string', 'null'] },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

/**
 * The customer's deals the viewer may see (deal-scope.ts), open ones first with their stage,
 * and a summary over all of them: count and amount per currency, open / won / lost. Two
 * queries: the page and the grouped sums (money stays numeric in SQL, text in JSON).
 */
export const dealsSection: Customer360Section = {
  key: 'deals',
  schema: {
    type: 'object',
    required: ['items', 'hasMore', 'summary'],
    properties: {
      items: { type: 'array', items: deal },
      hasMore: { type: 'boolean', description: `More than ${CARD_DEALS} deals: page them with /api/deals?customerId=` },
      summary: { type: 'object', required: ['open', 'won', 'lost'], properties: { open: tally, won: tally, lost: tally } },
    },
  },
  async load({ db, viewer, customerIds }) {
    const ofCustomer = db.selectFrom('deals').where('deals.customer_id', 'in', [...customerIds]).where(dealScope(viewer));
    const rows = await ofCustomer
      .innerJoin('pipeline_stages as s', (join) => join.onRef('s.pipeline_id', '=', 'deals.pipeline_id').onRef('s.key', '=', 'deals.stage_key'))
      .select([
        'deals.id',
        'deals.title',
        sql<string>`deals.amount::text`.as('amount'),
        'deals.currency',
        'deals.status',
        'deals.stage_key',
        's.name as stage_name',
        'deals.owner_id',
        sql<string | null>`deals.expected_close_date::text`.as('expected_close_date'),
        'deals.closed_at',
        'deals.process_instance_id',
        'deals.updated_at',
      ])
      .orderBy(sql`deals.status = 'open'`, 'desc')
      .orderBy('deals.updated_at', 'desc')
      .orderBy('deals.id')
      .limit(CARD_DEALS + 1)
      .execute();
    const sums = await ofCustomer
      .select(['deals.status', 'deals.currency', (eb) => eb.fn.countAll<string>().as('n'), sql<string>`sum(deals.amount)::text`.as('total')])
      .groupBy(['deals.status', 'deals.currency'])
      .orderBy('deals.currency')
      .execute();
    const summary = Object.fromEntries(
      (['open', 'won', 'lost'] as const).map((status) => {
        const mine = sums.filter((s) => s.status === status);
        return [status, { count: mine.reduce((n, s) => n + Number(s.n), 0), amounts: mine.map((s) => ({ currency: s.currency, amount: s.total })) }];
      }),
    );
    const items = rows.slice(0, CARD_DEALS).map((r) => ({
      id: r.id,
      title: r.title,
      amount: r.amount,
      currency: r.currency,
      status: r.status,
      stage: r.stage_key,
      stageName: r.stage_name,
      ownerId: r.owner_id,
      expectedCloseDate: r.expected_close_date,
      closedAt: r.closed_at?.toISOString() ?? null,
      processInstanceId: r.process_instance_id,
      updatedAt: r.updated_at.toISOString(),
    }));
    return { items, hasMore: rows.length > CARD_DEALS, summary };
  },
};
