import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { OrgUnitRow, OrgUnitTable } from './org.tables.js';

type Db = Kysely<Database>;

export const findOrgUnit = (db: Db, id: string) => db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();

/** Every unit, or one unit's subtree (one range scan on the path index), in tree order. */
export async function listOrgUnits(db: Db, underPath?: string): Promise<OrgUnitRow[]> {
  let query = db.selectFrom('org_units').selectAll().orderBy('path');
  if (underPath !== undefined) query = query.where('path', 'like', `${underPath}%`);
  return query.execute();
}

export async function insertOrgUnit(db: Db, unit: Omit<OrgUnitTable, 'created_at' | 'updated_at'>): Promise<OrgUnitRow> {
  return db.insertInto('org_units').values(unit).returningAll().executeTakeFirstOrThrow();
}

export async function updateOrgUnitRow(db: Db, id: string, changes: Partial<Pick<OrgUnitTable, 'kind' | 'name' | 'region' | 'parent_id'>>) {
  return db.updateTable('org_units').set({ ...changes, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Re-roots a subtree: every path that starts with `oldPath` starts with `newPath` instead. */
export async function rewriteSubtreePaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  await db
    .updateTable('org_units')
    .set({ path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})` })
    .where('path', 'like', `${oldPath}%`)
    .execute();
}

/** Moves and the cycle check must see a stable tree: one writer of the tree at a time. */
export async function lockOrgTree(db: Db): Promise<void> {
  await sql`lock table org_units in share row exclusive mode`.execute(db);
}

export function toOrgUnitDto(row: OrgUnitRow) {
  return { id: row.id, kind: row.kind, name: row.name, parentId: row.parent_id, path: row.path, region: row.region };
}

export type OrgUnitDto = ReturnType<typeof toOrgUnitDto>;
