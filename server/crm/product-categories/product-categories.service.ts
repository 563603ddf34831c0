import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit-log.repository.js';
import { invalidField, isUniqueViolation } from '../shared.js';
import { attributeErrors, checkMergedSchema, checkOwnSchema, mergeChain, type FieldsSchema } from './effective-schema.js';
import type { CategoryChanges, CategoryInput } from './product-category.schemas.js';
import type { ProductCategoryRow } from './product-category.table.js';
import {
  chainOf,
  effectiveSchemaOf,
  findCategory,
  idsOnPath,
  insertCategory,
  lockCategoryTree,
  rewriteSubtreePaths,
  subtree,
  toCategoryDto,
  toSource,
  updateCategoryRow,
  type CategoryDto,
} from './product-categories.repository.js';

type Db = Kysely<Database>;
const EMPTY_SCHEMA = { type: 'object', properties: {} };
/** How many refused products a 409 lists (enough to act on, not a dump of the catalog). */
const MAX_REPORTED = 20;

/** Adds a category under `parentId` (or as a root); its own fields must merge with its ancestors'. */
export async function createCategory(db: Db, actor: Actor, input: CategoryInput): Promise<CategoryDto> {
  const own = input.fieldsSchema ?? EMPTY_SCHEMA;
  checkOwnSchema(own, 'body.fieldsSchema');
  try {
    return await db.transaction().execute(async (trx) => {
      await lockCategoryTree(trx);
      const parent = input.parentId ? await findCategory(trx, input.parentId) : undefined;
      if (input.parentId && !parent) throw invalidField('body.parentId', 'names no product category');
      const chain = parent ? await chainOf(trx, parent.path) : [];
      const effective = mergeChain([...chain.map(toSource), { key: input.key, fieldsSchema: own }], 'body.fieldsSchema');
      checkMergedSchema(effective, 'body.fieldsSchema');
      const id = randomUUID();
      const row = await insertCategory(trx, { id, key: input.key, name: input.name, parent_id: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/`, fields_schema: JSON.stringify(own) });
      const after = toCategoryDto(row, effective);
      await recordAudit(trx, actor, { entityType: 'product_category', entityId: id, action: 'create', after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A product category with the key '${input.key}' already exists`);
    throw error;
  }
}

/**
 * Renames, re-schemas or moves a category under optimistic concurrency. A new schema or a
 * new parent changes what every product of the subtree must satisfy, so they are all checked
 * first: a subcategory that would now redefine a field, or a product that would break the new
 * schema, makes it a 409 that names them, and nothing changes.
 */
export async function updateCategory(db: Db, actor: Actor, id: string, changes: CategoryChanges, expected: number): Promise<CategoryDto> {
  if (changes.fieldsSchema) checkOwnSchema(changes.fieldsSchema, 'body.fieldsSchema');
  return db.transaction().execute(async (trx) => {
    await lockCategoryTree(trx);
    const current = await findCategory(trx, id);
    if (!current) throw notFound('Product category', id);
    if (current.version !== expected) {
      throw new AppError('SRV_ERR_CONFLICT', `Expected version ${expected}, but the category is at version ${current.version}: reload and retry`, { currentVersion: current.version });
    }
    const moved = changes.parentId !== undefined && changes.parentId !== current.parent_id;
    let newPath = current.path;
    let ancestors: ProductCategoryRow[] = (await chainOf(trx, current.path)).slice(0, -1);
    if (moved) {
      const parent = changes.parentId === null ? undefined : await findCategory(trx, changes.parentId!);
      if (changes.parentId !== null && !parent) throw invalidField('body.parentId', 'names no product category');
      if (parent?.path.startsWith(current.path)) throw conflict(`Expected the new parent '${parent.id}' to lie outside the subtree of '${id}', but it is inside: that would make a cycle`);
      ancestors = parent ? await chainOf(trx, parent.path) : [];
      newPath = `${parent?.path ?? '/'}${id}/`;
    }
    const updated = { ...current, fields_schema: changes.fieldsSchema ?? current.fields_schema };
    let effective: FieldsSchema | undefined;
    if (moved || changes.fieldsSchema) effective = await recheckSubtree(trx, updated, ancestors);
    if (moved) await rewriteSubtreePaths(trx, current.path, newPath);
    const row = await updateCategoryRow(trx, id, {
      ...(changes.name !== undefined && { name: changes.name }),
      ...(moved && { parent_id: changes.parentId ?? null }),
      ...(changes.fieldsSchema && { fields_schema: JSON.stringify(changes.fieldsSchema) }),
      version: current.version + 1,
    });
    const after = toCategoryDto(row, effective ?? (await effectiveSchemaOf(trx, id))!.schema);
    await recordAudit(trx, actor, { entityType: 'product_category', entityId: id, action: 'update', before: toCategoryDto(current), after });
    return after;
  });
}

/** Removes a category with no subcategories and no products (else 409: move or re-categorise them first). */
export async function deleteCategory(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockCategoryTree(trx);
    const current = await findCategory(trx, id);
    if (!current) throw notFound('Product category', id);
    const uses = await trx
      .selectNoFrom((eb) => [
        eb.exists(eb.selectFrom('product_categories').select('id').where('parent_id', '=', id)).as('subcategories'),
        eb.exists(eb.selectFrom('products').select('id').where('category_id', '=', id)).as('products'),
      ])
      .executeTakeFirstOrThrow();
    const blocking = Object.entries(uses).filter(([, used]) => used).map(([what]) => what);
    if (blocking.length) throw conflict(`Expected product category '${current.key}' to be empty, but it still has ${blocking.join(' and ')}`);
    await trx.deleteFrom('product_categories').where('id', '=', id).execute();
    await recordAudit(trx, actor, { entityType: 'product_category', entityId: id, action: 'delete', before: toCategoryDto(current) });
  });
}

export async function getCategory(db: Db, id: string): Promise<CategoryDto> {
  const found = await effectiveSchemaOf(db, id);
  if (!found) throw notFound('Product category', id);
  return toCategoryDto(found.category, found.schema);
}

/**
 * The merged schema of every category of `changed`'s subtree under its new ancestors, and
 * every product of the subtree against its category's; returns `changed`'s own merged schema.
 */
async function recheckSubtree(db: Db, changed: ProductCategoryRow, ancestors: ProductCategoryRow[]): Promise<FieldsSchema> {
  const nodes = new Map((await subtree(db, changed.path)).map((row) => [row.id, row.id === changed.id ? changed : row]));
  const base = ancestors.map(toSource);
  const schemas = new Map<string, FieldsSchema>();
  for (const node of nodes.values()) {
    const below = idsOnPath(node.path).slice(idsOnPath(changed.path).length - 1).map((nid) => toSource(nodes.get(nid)!));
    try {
      const schema = mergeChain([...base, ...below], 'body.fieldsSchema');
      if (node.id !== changed.id) checkMergedSchema(schema, `subcategory '${node.key}'`);
      else checkMergedSchema(schema, 'body.fieldsSchema');
      schemas.set(node.id, schema);
    } catch (error) {
      if (node.id === changed.id || !(error instanceof AppError)) throw error;
      throw conflict(`Subcategory '${node.key}' would no longer be valid: ${error.message}`);
    }
  }
  const refused: Array<{ id: string; sku: string; fields: Array<{ field: string; message: string }> }> = [];
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const products = await db
      .selectFrom('products')
      .select(['id', 'sku', 'category_id', 'attributes'])
      .where('category_id', 'in', [...nodes.keys()])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    for (const product of products) {
      const fields = attributeErrors(schemas.get(product.category_id!)!, product.attributes, 'attributes');
      if (fields.length && refused.length < MAX_REPORTED) refused.push({ id: product.id, sku: product.sku, fields });
    }
    if (products.length < 500) break;
    after = products.at(-1)!.id;
  }
  if (refused.length) {
    throw new AppError('SRV_ERR_CONFLICT', `${refused.length === MAX_REPORTED ? 'At least ' : ''}${refused.length} product(s) of the subtree would break the new fields: fix them first`, { products: refused });
  }
  return schemas.get(changed.id)!;
}
