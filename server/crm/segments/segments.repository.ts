import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { Viewer } from '../access/viewer.js';
import { decodeCursor, encodeCursor } from '../customers/customer-cursor.js';
import type { CustomerCondition } from '../customers/customer-page.js';
import { compileFilter } from './segment-filter.compile.js';
import type { ListSegmentsQuery, SegmentDto } from './segment.schemas.js';
import { segmentScope } from './segment-scope.js';
import type { SegmentRow } from './segment.tables.js';

type Db = Kysely<Database>;

export async function findVisibleSegment(db: Db, viewer: Viewer, id: string, options: { forUpdate?: boolean } = {}): Promise<SegmentRow | undefined> {
  let query = db.selectFrom('segments').selectAll().where('segments.id', '=', id).where(segmentScope(viewer));
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The segments the viewer may see, by name, keyset-paged like the customer list. */
export async function listVisibleSegments(db: Db, viewer: Viewer, q: ListSegmentsQuery): Promise<{ rows: SegmentRow[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('segments')
    .selectAll()
    .where(segmentScope(viewer))
    .orderBy(sql`lower(segments.name)`)
    .orderBy('segments.id')
    .limit(q.limit + 1);
  if (q.kind) query = query.where('segments.kind', '=', q.kind);
  if (q.ownerId) query = query.where('segments.owner_id', '=', q.ownerId);
  if (q.q) query = query.where(sql<SqlBool>`lower(segments.name) like ${`${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (q.after) {
    const cursor = decodeCursor(q.after, 'name');
    query = query.where(sql<SqlBool>`(lower(segments.name), segments.id) > (${cursor.key}::text, ${cursor.id}::uuid)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > q.limit && last ? encodeCursor({ sort: 'name', key: last.name.toLowerCase(), id: last.id }) : null };
}

/** Who is in a segment, as a condition on `customers`: the member table, or the filter evaluated now. */
export function membersCondition(segment: Pick<SegmentRow, 'id' | 'kind' | 'filter'>): CustomerCondition {
  if (segment.kind === 'dynamic') return compileFilter(segment.filter!);
  return (eb) =>
    eb.exists(eb.selectFrom('segment_members as sm').select('sm.customer_id').where('sm.segment_id', '=', segment.id).whereRef('sm.customer_id', '=', 'customers.id'));
}

/** At most this many dynamic segments are tested against one customer (one query for all of them). */
const DYNAMIC_LIMIT = 200;

/**
 * The segments (visible to the viewer) that hold a customer: static ones by membership, and
 * dynamic ones by evaluating all their filters against that customer in ONE query (a
 * boolean column per segment), so a 360 card costs two queries whatever the segment count.
 */
export async function segmentsContaining(db: Db, viewer: Viewer, customerId: string): Promise<Array<{ id: string; name: string; kind: SegmentRow['kind'] }>> {
  const staticOnes = await db
    .selectFrom('segments')
    .innerJoin('segment_members as sm', 'sm.segment_id', 'segments.id')
    .select(['segments.id', 'segments.name', 'segments.kind'])
    .where('sm.customer_id', '=', customerId)
    .where('segments.kind', '=', 'static')
    .where(segmentScope(viewer))
    .execute();
  const dynamicOnes = await db
    .selectFrom('segments')
    .select(['segments.id', 'segments.name', 'segments.kind', 'segments.filter'])
    .where('segments.kind', '=', 'dynamic')
    .where(segmentScope(viewer))
    .orderBy('segments.id')
    .limit(DYNAMIC_LIMIT)
    .execute();
  let matching: typeof dynamicOnes = [];
  if (dynamicOnes.length) {
    const flags = await db
      .selectFrom('customers')
      .select((eb) => dynamicOnes.map((s, i) => eb.case().when(compileFilter(s.filter!)(eb)).then(true).else(false).end().as(`s${i}`)))
      .where('customers.id', '=', customerId)
      .executeTakeFirst();
    const row = (flags ?? {}) as Record<string, boolean>;
    matching = dynamicOnes.filter((_, i) => row[`s${i}`] === true);
  }
  return [...staticOnes, ...matching.map(({ id, name, kind }) => ({ id, name, kind }))].sort((a, b) => a.name.localeCompare(b.name));
}

export function toSegmentDto(row: SegmentRow): SegmentDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    filter: row.filter,
    ownerId: row.owner_id,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
