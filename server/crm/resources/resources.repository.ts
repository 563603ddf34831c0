import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { invalidField } from '../shared.js';
import type { ListResourcesQuery, ResourceFields } from './resource.schemas.js';
import type { ResourceRow } from './resource.table.js';

type Db = Kysely<Database>;

export async function findResource(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<ResourceRow | undefined> {
  let query = db.selectFrom('resources').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/**
 * Resources by name (unique case-insensitively, so the name alone is the keyset key),
 * filtered by kind, active flag and a name prefix.
 */
export async function listResources(db: Db, q: ListResourcesQuery): Promise<{ rows: ResourceRow[]; nextCursor: string | null }> {
  let query = db.selectFrom('resources').selectAll().orderBy(sql`lower(name)`).limit(q.limit + 1);
  if (q.kind?.length) query = query.where('kind', 'in', q.kind);
  if (q.active !== undefined) query = query.where('active', '=', q.active);
  if (q.q) query = query.where(sql<SqlBool>`lower(name) like ${`${q.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (q.after) query = query.where(sql<SqlBool>`lower(name) > ${decodeNameCursor(q.after)}`);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > q.limit && last ? Buffer.from(JSON.stringify(['name', last.name.toLowerCase()])).toString('base64url') : null };
}

export function toResourceColumns(fields: ResourceFields) {
  return { kind: fields.kind, name: fields.name.trim(), location: fields.location, capacity: fields.capacity, active: fields.active };
}

export function resourceFieldsOf(row: ResourceRow): ResourceFields {
  return { kind: row.kind, name: row.name, location: row.location, capacity: row.capacity, active: row.active };
}

export function toResourceDto(row: ResourceRow) {
  return { id: row.id, ...resourceFieldsOf(row), version: row.version, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}

export type ResourceDto = ReturnType<typeof toResourceDto>;

function decodeNameCursor(text: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === 'name' && typeof parsed[1] === 'string') return parsed[1];
  } catch {
    // fall through to the 400 below
  }
  throw invalidField('querystring.after', 'is not a cursor of this list');
}
