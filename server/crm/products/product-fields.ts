import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError } from '../../errors.js';
import { attributeErrors, scalarAttributeErrors } from '../product-categories/effective-schema.js';
import { effectiveSchemaOf } from '../product-categories/product-categories.repository.js';
import { invalidField } from '../shared.js';
import type { ProductFields } from './product.schemas.js';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/**
 * The rules the route schema cannot say, each a 400 naming the field: a real currency, an
 * existing category, and attributes valid for the category's effective (inherited) schema —
 * flat scalars without a category. Call it after taking the category share lock, so the
 * schema cannot change between this check and the write.
 */
export async function checkProductFields(db: Kysely<Database>, fields: ProductFields): Promise<ProductFields> {
  if (!CURRENCIES.has(fields.currency)) throw invalidField('body.currency', `'${fields.currency}' is not an ISO 4217 currency code`);
  let errors: Array<{ field: string; message: string }>;
  let categoryKey: string | undefined;
  if (fields.categoryId) {
    const found = await effectiveSchemaOf(db, fields.categoryId);
    if (!found) throw invalidField('body.categoryId', 'names no product category');
    categoryKey = found.category.key;
    errors = attributeErrors(found.schema, fields.attributes, 'body.attributes');
  } else {
    errors = scalarAttributeErrors(fields.attributes, 'body.attributes');
  }
  if (errors.length) {
    const what = categoryKey ? `the fields of category '${categoryKey}'` : 'the rule for products without a category (flat scalars)';
    throw new AppError('SRV_ERR_VALIDATION', `body.attributes breaks ${what}`, { fields: errors });
  }
  return { ...fields, sku: fields.sku.trim(), name: fields.name.trim() };
}
