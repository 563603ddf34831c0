import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { Viewer } from '../access/viewer.js';
import type { SegmentRow } from './segment.tables.js';

/**
 * Who sees a segment: its owner (and whoever stands in for the owner), the managers of the
 * owner (a head of a unit whose subtree holds one of the owner's positions — the same "one
 * of my people" as access/managers.ts), and admins. Seeing a segment is not seeing its
 * members: those always pass the customer rule of the one who reads them.
 *
 * Chosen over "the owner's unit": segments feed campaigns, and a rep's list is his working
 * tool, not something colleagues should edit or lean on; his manager reviews it.
 */
export function segmentScope(viewer: Viewer): (eb: ExpressionBuilder<Database, 'segments'>) => Expression<SqlBool> {
  return (eb) => {
    if (viewer.isAdmin) return eb.lit(true);
    const actors = [...viewer.actorIds];
    const managesOwner = eb
      .selectFrom('user_positions as mup')
      .innerJoin('positions as mp', 'mp.id', 'mup.position_id')
      .innerJoin('org_units as mu', 'mu.id', 'mp.unit_id')
      .innerJoin('org_units as su', (join) => join.on('su.path', 'like', sql<string>`mu.path || '%'`))
      .innerJoin('positions as sp', 'sp.unit_id', 'su.id')
      .innerJoin('user_positions as sup', 'sup.position_id', 'sp.id')
      .select(sql<number>`1`.as('one'))
      .where('mup.user_id', 'in', actors)
      .where('mp.is_head', '=', true)
      .whereRef('sup.user_id', '=', 'segments.owner_id');
    return eb.or([eb('segments.owner_id', 'in', actors), eb.exists(managesOwner)]);
  };
}

/**
 * Whom a change of the segment serves: admins and the owner act for themselves; a
 * substitute of the owner acts on the owner's behalf. `undefined`: only readable (a manager).
 */
export function managingFor(viewer: Viewer, segment: SegmentRow): { onBehalfOf: string | null } | undefined {
  if (viewer.isAdmin || segment.owner_id === viewer.userId) return { onBehalfOf: null };
  return viewer.actorIds.includes(segment.owner_id) ? { onBehalfOf: segment.owner_id } : undefined;
}
