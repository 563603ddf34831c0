import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { visibleTo } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';

type Db = Kysely<Database>;
type CustomerRule = (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;

/**
 * Which leads a viewer may see and change: THE customer rule (access/customer-scope.ts)
 * applied to the lead's owner and unit — the owner, whoever holds a position in the lead's
 * unit, and the heads of that unit and its ancestors (leads carry no region, so territory
 * never narrows it). Admins see everything.
 *
 * The rule is not copied: it is evaluated over a one-row derived table named `customers`
 * holding the lead's (owner_id, unit_id, region), which is exactly what `visibleTo` reads.
 * PostgreSQL flattens the derived table, so this costs what a hand-written copy would.
 */
export function leadScope(viewer: Viewer): (eb: ExpressionBuilder<Database, 'leads'>) => Expression<SqlBool> {
  return leadsVisibleTo(viewer.isAdmin ? null : viewer.actorIds);
}

export function leadsVisibleTo(actors: readonly string[] | null): (eb: ExpressionBuilder<Database, 'leads'>) => Expression<SqlBool> {
  return (eb) => {
    if (actors === null) return eb.lit(true);
    if (actors.length === 0) return eb.lit(false);
    return eb.exists(
      eb
        .selectFrom(asCustomer(sql.ref('leads.owner_id'), sql.ref('leads.unit_id')))
        .select(sql<number>`1`.as('one'))
        .where(visibleTo(actors) as unknown as CustomerRule),
    );
  };
}

/**
 * Whom a write on lead `id` serves: the viewer when the lead is in their own scope (or they
 * are an admin), else the first absent user they stand in for whose scope holds it.
 */
export async function actingForLead(db: Db, viewer: Viewer, id: string): Promise<{ onBehalfOf: string | null } | undefined> {
  if (viewer.isAdmin) return { onBehalfOf: null };
  for (const actor of viewer.actorIds) {
    const hit = await db.selectFrom('leads').select('id').where('id', '=', id).where(leadsVisibleTo([actor])).executeTakeFirst();
    if (hit) return { onBehalfOf: actor === viewer.userId ? null : actor };
  }
  return undefined;
}

/**
 * Whom a new lead with this owner and unit would serve (see `actingForLead`), checked before
 * anything is written — an import checks once for all its rows. `undefined`: it would lie
 * outside the viewer's scope.
 */
export async function actingForNewLead(db: Db, viewer: Viewer, ownerId: string, unitId: string | null): Promise<{ onBehalfOf: string | null } | undefined> {
  if (viewer.isAdmin) return { onBehalfOf: null };
  for (const actor of viewer.actorIds) {
    const hit = await db
      .selectFrom(asCustomer(sql`${ownerId}::uuid`, sql`${unitId}::uuid`))
      .select(sql<number>`1`.as('one'))
      .where(visibleTo([actor]) as unknown as CustomerRule)
      .executeTakeFirst();
    if (hit) return { onBehalfOf: actor === viewer.userId ? null : actor };
  }
  return undefined;
}

/** The one-row stand-in the customer rule reads: `customers(owner_id, unit_id, region)`. */
function asCustomer(ownerId: Expression<unknown>, unitId: Expression<unknown>) {
  return sql<{ owner_id: string; unit_id: string | null; region: string | null }>`(select ${ownerId} as owner_id, ${unitId} as unit_id, null::text as region)`.as('customers');
}
