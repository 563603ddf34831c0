import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { Viewer } from '../access/viewer.js';
import type { CustomerRow } from '../customers/customer.table.js';
import { findVisibleCustomer, toCustomerDto } from '../customers/customers.repository.js';
import { dealScope } from '../deals/deal-scope.js';
import { customerNotFound, mergedInto } from '../merge/merged-pointer.js';
import { once, type Customer360Context } from './section.js';
import { CUSTOMER_360_SECTIONS } from './sections/index.js';
import { decodeTimelineCursor } from './timeline/timeline-cursor.js';
import { TIMELINE_SOURCES } from './timeline/sources.js';
import { loadTimeline } from './timeline/timeline.js';

type Db = Kysely<Database>;

export interface TimelineQuery {
  limit: number;
  before?: string | undefined;
}

/**
 * The whole card of a customer the viewer can see (else 404, or SRV_ERR_MERGED pointing to
 * the survivor): the customer and every registered section, loaded side by side over one
 * shared context. The number of queries is fixed by the sections, not by the data.
 */
export async function customer360(db: Db, viewer: Viewer, id: string, timeline: TimelineQuery) {
  const customer = await findVisibleCustomer(db, viewer, id);
  if (!customer) throw await customerNotFound(db, viewer, id);
  const context = await contextOf(db, viewer, customer, timeline);
  const values = await Promise.all(CUSTOMER_360_SECTIONS.map((section) => section.load(context)));
  return { customer: toCustomerDto(customer), ...Object.fromEntries(CUSTOMER_360_SECTIONS.map((section, i) => [section.key, values[i]])) };
}

/** Just the timeline, for paging it without reloading the card. */
export async function customerTimeline(db: Db, viewer: Viewer, id: string, page: TimelineQuery) {
  const customer = await findVisibleCustomer(db, viewer, id);
  if (!customer) throw await customerNotFound(db, viewer, id);
  return loadTimeline(await contextOf(db, viewer, customer, page));
}

async function contextOf(db: Db, viewer: Viewer, customer: CustomerRow, timeline: TimelineQuery): Promise<Customer360Context> {
  const before = timeline.before === undefined ? undefined : decodeTimelineCursor(timeline.before, TIMELINE_SOURCES.map((s) => s.key), 'querystring.before');
  const customerIds = [customer.id, ...(await mergedInto(db, customer.id))];
  const dealRefs = once(async () => {
    const deals = await db.selectFrom('deals').select(['deals.id', 'deals.process_instance_id']).where('deals.customer_id', 'in', customerIds).where(dealScope(viewer)).execute();
    return { ids: deals.map((d) => d.id), processInstanceIds: deals.flatMap((d) => (d.process_instance_id ? [d.process_instance_id] : [])) };
  });
  const instanceIds = once(async () => {
    const { ids, processInstanceIds } = await dealRefs();
    const rows = await db
      .selectFrom('engine_process_instances')
      .select('id')
      .where((eb) => eb.or([eb('business_key', 'in', [...customerIds, ...ids]), ...(processInstanceIds.length ? [eb('id', 'in', processInstanceIds)] : [])]))
      .execute();
    return rows.map((r) => r.id);
  });
  return { db, viewer, customer, customerIds, dealRefs, instanceIds, timeline: { limit: timeline.limit, before } };
}
