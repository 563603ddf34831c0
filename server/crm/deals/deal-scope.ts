import type { Expression, ExpressionBuilder, Kysely, SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { visibleTo } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';

/**
 * Which deals a viewer may see and change: those whose customer is visible to one of the
 * viewer's actors under THE customer rule (`visibleTo`, access/customer-scope.ts), plus those
 * an actor owns — a rep keeps his deal even when its customer lies outside his scope.
 * Admins see everything. Every deal query (list, get, writes, summary) applies it.
 */
export function dealScope(viewer: Viewer): (eb: ExpressionBuilder<Database, 'deals'>) => Expression<SqlBool> {
  return dealsVisibleTo(viewer.isAdmin ? null : viewer.actorIds);
}

export function dealsVisibleTo(actors: readonly string[] | null): (eb: ExpressionBuilder<Database, 'deals'>) => Expression<SqlBool> {
  return (eb) => {
    if (actors === null) return eb.lit(true);
    if (actors.length === 0) return eb.lit(false);
    return eb.or([
      eb('deals.owner_id', 'in', [...actors]),
      eb.exists(eb.selectFrom('customers').select('customers.id').whereRef('customers.id', '=', 'deals.customer_id').where(visibleTo(actors))),
    ]);
  };
}

/**
 * Whom a write on deal `id` serves: the viewer when the deal is in their own scope (or they
 * are an admin), else the first absent user they stand in for whose scope holds it.
 */
export async function actingForDeal(db: Kysely<Database>, viewer: Viewer, id: string): Promise<{ onBehalfOf: string | null } | undefined> {
  if (viewer.isAdmin) return { onBehalfOf: null };
  for (const actor of viewer.actorIds) {
    const hit = await db.selectFrom('deals').select('id').where('id', '=', id).where(dealsVisibleTo([actor])).executeTakeFirst();
    if (hit) return { onBehalfOf: actor === viewer.userId ? null : actor };
  }
  return undefined;
}
