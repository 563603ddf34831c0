import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit-log.repository.js';
import { lockCategoriesShared } from '../product-categories/product-categories.repository.js';
import { invalidField, isUniqueViolation } from '../shared.js';
import { checkProductFields } from './product-fields.js';
import type { NewProduct, ProductChanges } from './product.schemas.js';
import { fieldsOf, findProduct, insertProduct, toColumns, toProductDto, updateProductRow, type ProductDto } from './products.repository.js';

type Db = Kysely<Database>;

/** Adds a product; a SKU already taken (whatever its case) is a 409. */
export async function createProduct(db: Db, actor: Actor, input: NewProduct): Promise<ProductDto> {
  return withSkuConflict(input.sku, () =>
    db.transaction().execute(async (trx) => {
      await lockCategoriesShared(trx);
      const fields = await checkProductFields(trx, { description: null, categoryId: null, attributes: {}, active: true, ...input });
      const now = new Date();
      const row = await insertProduct(trx, { ...toColumns(fields), created_at: now, updated_at: now });
      const after = toProductDto(row);
      await recordAudit(trx, actor, { entityType: 'product', entityId: row.id, action: 'create', after });
      return after;
    }),
  );
}

/**
 * A PATCH under optimistic concurrency (If-Match or `version`). Attributes are re-checked
 * against the (possibly new) category as a whole: a category change needs attributes that fit it.
 */
export async function updateProduct(db: Db, actor: Actor, id: string, changes: ProductChanges, expected: number): Promise<ProductDto> {
  const { version: _version, ...fieldChanges } = changes;
  return withSkuConflict(fieldChanges.sku, () =>
    db.transaction().execute(async (trx) => {
      await lockCategoriesShared(trx);
      const current = await findProduct(trx, id, { forUpdate: true });
      if (!current) throw notFound('Product', id);
      if (current.version !== expected) {
        throw new AppError('SRV_ERR_CONFLICT', `Expected version ${expected}, but the product is at version ${current.version}: reload and retry`, { currentVersion: current.version });
      }
      if (fieldChanges.currency && fieldChanges.currency !== current.currency) await refuseCurrencyChangeWhenPriced(trx, id);
      const fields = await checkProductFields(trx, { ...fieldsOf(current), ...fieldChanges });
      const row = await updateProductRow(trx, id, { ...toColumns(fields), version: current.version + 1, updated_at: new Date() });
      const after = toProductDto(row);
      await recordAudit(trx, actor, { entityType: 'product', entityId: id, action: 'update', before: toProductDto(current), after });
      return after;
    }),
  );
}

export async function getProduct(db: Db, id: string): Promise<ProductDto> {
  const row = await findProduct(db, id);
  if (!row) throw notFound('Product', id);
  return toProductDto(row);
}

/** Discount items on price lists are defined against the base price in the product's currency. */
async function refuseCurrencyChangeWhenPriced(db: Db, id: string): Promise<void> {
  const discounted = await db.selectFrom('price_list_items').select('price_list_id').where('product_id', '=', id).where('discount_percent', 'is not', null).executeTakeFirst();
  if (discounted) throw invalidField('body.currency', 'cannot change while price lists give a discount on this product’s base price: remove those items first');
}

async function withSkuConflict<T>(sku: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A product with the SKU '${sku}' already exists (SKUs are unique whatever their case)`);
    throw error;
  }
}
