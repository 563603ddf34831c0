import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';

/**
 * Whether `managerId` heads (holds an `is_head` position in) a unit whose subtree contains a
 * unit where `userId` holds a position — the org chart's notion of "one of my people".
 */
export async function isManagerOf(db: Kysely<Database>, managerId: string, userId: string): Promise<boolean> {
  const hit = await db
    .selectFrom('user_positions as mup')
    .innerJoin('positions as mp', 'mp.id', 'mup.position_id')
    .innerJoin('org_units as mu', 'mu.id', 'mp.unit_id')
    .innerJoin('org_units as su', (join) => join.on('su.path', 'like', sql<string>`mu.path || '%'`))
    .innerJoin('positions as sp', 'sp.unit_id', 'su.id')
    .innerJoin('user_positions as sup', 'sup.position_id', 'sp.id')
    .select(sql<number>`1`.as('one'))
    .where('mup.user_id', '=', managerId)
    .where('mp.is_head', '=', true)
    .where('sup.user_id', '=', userId)
    .where('sup.user_id', '<>', managerId)
    .limit(1)
    .executeTakeFirst();
  return hit !== undefined;
}
