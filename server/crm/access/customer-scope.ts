import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { Viewer } from './viewer.js';

/**
 * THE rule for which customers a user may see and change; every customer query applies it
 * (list, get, search, update), so no route can forget it. A customer is visible to `actors`
 * (a user and whoever they stand in for) when one of them
 *  1. owns it (`owner_id`), or
 *  2. holds any position in the customer's unit (`unit_id`: shared with the unit) — unless
 *     territory forbids: when both the customer and that unit carry a `region`, they must
 *     be equal (a rep of the south cannot see a northern customer shared with his unit), or
 *  3. holds a head position (`is_head`) in the customer's unit or one of its ancestors: a
 *     manager sees his unit's whole subtree, whatever the regions.
 * Admins see everything. Territory binds only rule 2: owners and managers are trusted.
 */
export function customerScope(viewer: Viewer): (eb: ExpressionBuilder<Database, 'customers'>) => Expression<SqlBool> {
  return visibleTo(viewer.isAdmin ? null : viewer.actorIds);
}

/**
 * The same rule for a given set of actors (`null` = everything), e.g. to find whom a write
 * serves. Every part is an uncorrelated subquery over the org chart — the units an actor
 * shares customers with, and the units under an actor's head positions — which PostgreSQL
 * evaluates once per query (a hashed set) instead of once per customer row: at a million
 * customers that is the difference between milliseconds and seconds.
 */
export function visibleTo(actors: readonly string[] | null): (eb: ExpressionBuilder<Database, 'customers'>) => Expression<SqlBool> {
  return (eb) => customerRule(eb, actors, { owner: 'customers.owner_id', unit: 'customers.unit_id', region: 'customers.region' });
}

/** Where a query keeps a customer's owner, unit and region (the customer row, or a copy such as deal_stage_totals). */
export interface CustomerRuleColumns {
  readonly owner: string;
  readonly unit: string;
  readonly region: string;
}

/** The rule above over any columns holding a customer's owner, unit and region. */
export function customerRule<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, actors: readonly string[] | null, columns: CustomerRuleColumns): Expression<SqlBool> {
  if (actors === null) return sql<SqlBool>`true`;
  if (actors.length === 0) return sql<SqlBool>`false`;
  const ids = [...actors];
  const org = eb as unknown as ExpressionBuilder<Database, never>;
  const memberUnits = () =>
    org
      .selectFrom('user_positions as up')
      .innerJoin('positions as p', 'p.id', 'up.position_id')
      .innerJoin('org_units as u', 'u.id', 'p.unit_id')
      .where('up.user_id', 'in', ids);
  const managedUnits = org
    .selectFrom('user_positions as up')
    .innerJoin('positions as p', 'p.id', 'up.position_id')
    .innerJoin('org_units as u', 'u.id', 'p.unit_id')
    .innerJoin('org_units as sub', (join) => join.on('sub.path', 'like', sql<string>`u.path || '%'`))
    .select('sub.id')
    .where('up.user_id', 'in', ids)
    .where('p.is_head', '=', true);
  const owner = sql.ref(columns.owner);
  const unit = sql.ref(columns.unit);
  const region = sql.ref(columns.region);
  return org.or([
    org(owner, 'in', ids),
    // Rule 2, split by territory: a unit without a region shares everything; a customer
    // without a region is shared with its unit; otherwise unit and region must both match.
    org(unit, 'in', memberUnits().select('u.id').where('u.region', 'is', null)),
    org.and([org(region, 'is', null), org(unit, 'in', memberUnits().select('u.id'))]),
    org(sql`(${unit}, ${region})`, 'in', memberUnits().select(['u.id', 'u.region'])),
    org(unit, 'in', managedUnits),
  ]);
}

/**
 * Whom a write on customer `id` serves: the viewer themselves when the customer is in
 * their own scope (or they are an admin), else the first absent user whose scope holds it
 * (the write is then made on their behalf). `undefined`: nobody — the viewer may not touch it.
 */
export async function actingFor(db: Kysely<Database>, viewer: Viewer, id: string): Promise<{ onBehalfOf: string | null } | undefined> {
  if (viewer.isAdmin) return { onBehalfOf: null };
  for (const actor of viewer.actorIds) {
    const hit = await db.selectFrom('customers').select('id').where('id', '=', id).where(visibleTo([actor])).executeTakeFirst();
    if (hit) return { onBehalfOf: actor === viewer.userId ? null : actor };
  }
  return undefined;
}
