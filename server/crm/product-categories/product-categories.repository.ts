import { sql, type Insertable, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { decodeCursor, encodeCursor, likePrefix } from '../keyset-cursor.js';
import type { ListCategoriesQuery } from './product-category.schemas.js';
import type { ProductCategoryRow, ProductCategoryTable } from './product-category.table.js';
import { mergeChain, type FieldsSchema } from './effective-schema.js';

type Db = Kysely<Database>;

export const findCategory = (db: Db, id: string) => db.selectFrom('product_categories').selectAll().where('id', '=', id).executeTakeFirst();

/** The ids on a path, root first: `/a/b/c/` → [a, b, c]. */
export const idsOnPath = (path: string) => path.split('/').filter(Boolean);

/** The category and its ancestors, root first (the path names them all: one primary-key lookup). */
export async function chainOf(db: Db, path: string): Promise<ProductCategoryRow[]> {
  const ids = idsOnPath(path);
  const rows = await db.selectFrom('product_categories').selectAll().where('id', 'in', ids).execute();
  return ids.map((id) => rows.find((r) => r.id === id)!).filter(Boolean);
}

/** What products of category `id` are validated against (undefined: no such category). */
export async function effectiveSchemaOf(db: Db, id: string): Promise<{ category: ProductCategoryRow; schema: FieldsSchema } | undefined> {
  const category = await findCategory(db, id);
  if (!category) return undefined;
  const chain = await chainOf(db, category.path);
  return { category, schema: mergeChain(chain.map(toSource), 'fieldsSchema') };
}

export const toSource = (row: Pick<ProductCategoryRow, 'key' | 'fields_schema'>) => ({ key: row.key, fieldsSchema: row.fields_schema });

/** Every category of the subtree under `path` (itself included), in tree order: one range scan. */
export async function subtree(db: Db, path: string): Promise<ProductCategoryRow[]> {
  return db.selectFrom('product_categories').selectAll().where('path', 'like', likePrefix(path)).orderBy('path').execute();
}

export async function insertCategory(db: Db, values: Insertable<ProductCategoryTable>) {
  return db.insertInto('product_categories').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateCategoryRow(db: Db, id: string, set: { name?: string; parent_id?: string | null; fields_schema?: string; version: number }) {
  return db.updateTable('product_categories').set({ ...set, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Re-roots a subtree: every path that starts with `oldPath` starts with `newPath` instead. */
export async function rewriteSubtreePaths(db: Db, oldPath: string, newPath: string): Promise<void> {
  await db
    .updateTable('product_categories')
    .set({ path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})` })
    .where('path', 'like', likePrefix(oldPath))
    .execute();
}

/**
 * Schema changes and moves must see a stable tree and stable products: one writer of the
 * tree at a time, and product writes (which read a category's schema) wait for it. Product
 * writes take the share lock on the categories (lockCategoriesShared), so two product writes
 * never block each other.
 */
export async function lockCategoryTree(db: Db): Promise<void> {
  await sql`lock table product_categories in share row exclusive mode`.execute(db);
}

export async function lockCategoriesShared(db: Db): Promise<void> {
  await sql`lock table product_categories in share mode`.execute(db);
}

/** Categories in tree order (path), filtered and keyset-paginated on the path. */
export async function listCategories(db: Db, q: ListCategoriesQuery, under?: ProductCategoryRow) {
  let query = db.selectFrom('product_categories').selectAll().orderBy('path').limit(q.limit + 1);
  if (under) query = query.where('path', 'like', likePrefix(under.path));
  if (q.parentId) query = query.where('parent_id', '=', q.parentId);
  if (q.roots) query = query.where('parent_id', 'is', null);
  if (q.q) query = query.where(sql<SqlBool>`lower(name) like ${likePrefix(q.q.toLowerCase())}`);
  if (q.after) query = query.where('path', '>', decodeCursor(q.after, 'path', (key) => /^(\/[0-9a-f-]{36})+\/$/.test(key)).key);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > q.limit && last ? encodeCursor('path', last.path, last.id) : null };
}

export function toCategoryDto(row: ProductCategoryRow, effectiveSchema?: FieldsSchema) {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    parentId: row.parent_id,
    path: row.path,
    fieldsSchema: row.fields_schema,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(effectiveSchema && { effectiveSchema }),
  };
}

export type CategoryDto = ReturnType<typeof toCategoryDto>;
