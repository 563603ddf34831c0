import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, notFound } from '../../errors.js';
import type { Viewer } from '../access/viewer.js';
import { findVisibleCustomer } from '../customers/customers.repository.js';

/**
 * The error for a customer id the viewer cannot read: when it was merged into a customer
 * the viewer can see, a 404 `SRV_ERR_MERGED` carrying `details.mergedIntoId` (a client
 * follows it like a redirect); otherwise the plain 404, revealing nothing.
 */
export async function customerNotFound(db: Kysely<Database>, viewer: Viewer, id: string): Promise<AppError> {
  const merge = await db.selectFrom('customer_merges').select('survivor_id').where('merged_id', '=', id).executeTakeFirst();
  if (merge && (await findVisibleCustomer(db, viewer, merge.survivor_id))) {
    return new AppError('SRV_ERR_MERGED', `Customer '${id}' was merged into customer '${merge.survivor_id}'`, { mergedIntoId: merge.survivor_id });
  }
  return notFound('Customer', id);
}

/** The ids merged into `customerId` over time: their history is its history. */
export async function mergedInto(db: Kysely<Database>, customerId: string): Promise<string[]> {
  const rows = await db.selectFrom('customer_merges').select('merged_id').where('survivor_id', '=', customerId).execute();
  return rows.map((r) => r.merged_id);
}
