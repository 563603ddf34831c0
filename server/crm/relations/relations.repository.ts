import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { customerScope } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';
import type { RelationDto } from './relation.schemas.js';
import { seenFrom } from './relation-sides.js';

/**
 * The relations of `customerId` as seen from it, whose other end the viewer may see (the
 * scope rule holds on both ends, as for contacts): one query, sorted by type then name.
 */
export async function relationsOf(db: Kysely<Database>, viewer: Viewer, customerId: string): Promise<RelationDto[]> {
  const rows = await db
    .selectFrom('customer_relations as r')
    .innerJoin('customers', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb('r.from_id', '=', customerId), eb('customers.id', '=', eb.ref('r.to_id'))]),
          eb.and([eb('r.to_id', '=', customerId), eb('customers.id', '=', eb.ref('r.from_id'))]),
        ]),
      ),
    )
    .select(['r.id', 'r.from_id', 'r.to_id', 'r.type', 'r.note', 'r.created_at', 'customers.name'])
    .where((eb) => eb.or([eb('r.from_id', '=', customerId), eb('r.to_id', '=', customerId)]))
    .where(customerScope(viewer))
    .execute();
  return rows
    .map((row) => ({ id: row.id, ...seenFrom(customerId, row), relatedName: row.name, note: row.note, createdAt: row.created_at.toISOString() }))
    .sort((a, b) => a.type.localeCompare(b.type) || a.relatedName.localeCompare(b.relatedName) || a.id.localeCompare(b.id));
}
