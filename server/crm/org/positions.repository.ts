import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';

type Db = Kysely<Database>;

/** Positions with their holders' ids, filtered by unit and/or holder. */
export async function listPositions(db: Db, filter: { id?: string; unitId?: string | undefined; userId?: string | undefined }) {
  let query = db
    .selectFrom('positions as p')
    .select(['p.id', 'p.unit_id', 'p.title', 'p.is_head'])
    .select((eb) =>
      eb.fn
        .coalesce(
          eb.selectFrom('user_positions as up').select(sql<string[]>`array_agg(up.user_id::text order by up.user_id)`.as('ids')).whereRef('up.position_id', '=', 'p.id'),
          sql<string[]>`'{}'::text[]`,
        )
        .as('holder_ids'),
    )
    .orderBy('p.unit_id')
    .orderBy('p.title')
    .orderBy('p.id');
  if (filter.id) query = query.where('p.id', '=', filter.id);
  if (filter.unitId) query = query.where('p.unit_id', '=', filter.unitId);
  if (filter.userId) {
    const userId = filter.userId;
    query = query.where((eb) => eb.exists(eb.selectFrom('user_positions as h').select('h.user_id').whereRef('h.position_id', '=', 'p.id').where('h.user_id', '=', userId)));
  }
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, unitId: r.unit_id, title: r.title, isHead: r.is_head, holderIds: r.holder_ids }));
}

export type PositionDto = Awaited<ReturnType<typeof listPositions>>[number];

export async function findPosition(db: Db, id: string): Promise<PositionDto | undefined> {
  return (await listPositions(db, { id }))[0];
}
