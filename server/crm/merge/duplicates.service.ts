import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { customerScope } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';
import { customersSharing } from '../customers/customer-identifiers.js';
import type { IdentifierKind } from '../customers/customer.table.js';
import { findVisibleCustomer } from '../customers/customers.repository.js';
import { customerNotFound } from './merged-pointer.js';

export interface DuplicateDto {
  id: string;
  name: string;
  kind: string;
  matchedOn: IdentifierKind[];
  version: number;
}

/**
 * The possible duplicates of a customer that the viewer can see: other customers sharing
 * an e-mail, phone or tax id (normalised, customer_identifiers). Three queries, whatever
 * the number of matches; the strongest candidates (most identifiers shared) first.
 */
export async function listDuplicates(db: Kysely<Database>, viewer: Viewer, id: string): Promise<DuplicateDto[]> {
  if (!(await findVisibleCustomer(db, viewer, id))) throw await customerNotFound(db, viewer, id);
  const identifiers = await db.selectFrom('customer_identifiers').select(['kind', 'value']).where('customer_id', '=', id).execute();
  const shared = await customersSharing(db, id, identifiers);
  if (!shared.size) return [];
  const visible = await db
    .selectFrom('customers')
    .select(['id', 'name', 'kind', 'version'])
    .where('id', 'in', [...shared.keys()])
    .where(customerScope(viewer))
    .execute();
  return visible
    .map((c) => ({ ...c, matchedOn: shared.get(c.id)! }))
    .sort((a, b) => b.matchedOn.length - a.matchedOn.length || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
