import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { visibleTo } from '../access/customer-scope.js';
import { peopleOf } from '../access/managers.js';
import type { Viewer } from '../access/viewer.js';
import { dealsVisibleTo } from '../deals/deal-scope.js';

/**
 * Which activities a viewer may see and change. An activity is visible to `actors` (the
 * viewer and whoever they stand in for) when one of them
 *  1. owns it, or takes part in it as a user participant, or
 *  2. may see its customer (THE customer rule, access/customer-scope.ts) or its deal
 *     (deals/deal-scope.ts), or
 *  3. heads a unit whose subtree holds a position of its owner: a manager sees his people's
 *     activities (access/managers.ts `peopleOf`, one uncorrelated subquery).
 * Admins see everything. Every activity query (list, get, writes, calendar) applies it.
 */
export function activityScope(viewer: Viewer): (eb: ExpressionBuilder<Database, 'activities'>) => Expression<SqlBool> {
  return activitiesVisibleTo(viewer.isAdmin ? null : viewer.actorIds);
}

export function activitiesVisibleTo(actors: readonly string[] | null): (eb: ExpressionBuilder<Database, 'activities'>) => Expression<SqlBool> {
  return (eb) => {
    if (actors === null) return eb.lit(true);
    if (actors.length === 0) return eb.lit(false);
    const ids = [...actors];
    return eb.or([
      eb('activities.owner_id', 'in', ids),
      eb.exists(
        eb.selectFrom('activity_participants as ap').select('ap.id').whereRef('ap.activity_id', '=', 'activities.id').where('ap.user_id', 'in', ids),
      ),
      eb.exists(eb.selectFrom('customers').select('customers.id').whereRef('customers.id', '=', 'activities.customer_id').where(visibleTo(ids))),
      eb.exists(eb.selectFrom('deals').select('deals.id').whereRef('deals.id', '=', 'activities.deal_id').where(dealsVisibleTo(ids))),
      eb('activities.owner_id', 'in', peopleOf(eb as unknown as ExpressionBuilder<Database, never>, ids)),
    ]);
  };
}

/**
 * Whom a write on activity `id` serves: the viewer when it is in their own scope (or they
 * are an admin), else the first absent user they stand in for whose scope holds it.
 */
export async function actingForActivity(db: Kysely<Database>, viewer: Viewer, id: string): Promise<{ onBehalfOf: string | null } | undefined> {
  if (viewer.isAdmin) return { onBehalfOf: null };
  for (const actor of viewer.actorIds) {
    const hit = await db.selectFrom('activities').select('id').where('id', '=', id).where(activitiesVisibleTo([actor])).executeTakeFirst();
    if (hit) return { onBehalfOf: actor === viewer.userId ? null : actor };
  }
  return undefined;
}
