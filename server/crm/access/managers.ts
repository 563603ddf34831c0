import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';

/**
 * The people of `managerIds`: users holding a position in a unit of the subtree of a unit
 * where a manager holds a head (`is_head`) position — the org chart's notion of "one of my
 * people". A subquery of user ids, uncorrelated, so a list filter evaluates it once; built
 * from a database handle or, inside a filter, from its expression builder (same query).
 */
export function peopleOf(db: Kysely<Database> | ExpressionBuilder<Database, never>, managerIds: readonly string[]) {
  // Both build the same query; a filter's builder is passed as one over no outer table.
  return (db as ExpressionBuilder<Database, never>)
    .selectFrom('user_positions as mup')
    .innerJoin('positions as mp', 'mp.id', 'mup.position_id')
    .innerJoin('org_units as mu', 'mu.id', 'mp.unit_id')
    .innerJoin('org_units as su', (join) => join.on('su.path', 'like', sql<string>`mu.path || '%'`))
    .innerJoin('positions as sp', 'sp.unit_id', 'su.id')
    .innerJoin('user_positions as sup', 'sup.position_id', 'sp.id')
    .select('sup.user_id')
    .where('mup.user_id', 'in', [...managerIds])
    .where('mp.is_head', '=', true);
}

/** Whether `userId` is one of `managerId`'s people (a manager is not his own). */
export async function isManagerOf(db: Kysely<Database>, managerId: string, userId: string): Promise<boolean> {
  if (managerId === userId) return false;
  const hit = await peopleOf(db, [managerId]).where('sup.user_id', '=', userId).limit(1).executeTakeFirst();
  return hit !== undefined;
}
