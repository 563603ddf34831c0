import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { notFound } from '../../errors.js';
import type { Viewer } from '../access/viewer.js';
import { resolvePrice, today } from '../price-lists/price-resolution.js';
import { statusFor } from '../price-lists/product-price.service.js';
import type { FieldsSchema } from '../product-categories/effective-schema.js';
import { effectiveSchemaOf } from '../product-categories/product-categories.repository.js';
import { invalidField } from '../shared.js';
import type { CompareProductsQuery } from './product.schemas.js';
import { findProducts } from './products.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Products side by side: one row per attribute — those the products' category schemas define,
 * in schema order (inherited fields first), then any other attribute the products carry — with
 * each product's value and whether they differ; and each product's base price and its price for
 * the customer status asked (in the product's own currency).
 */
export async function compareProducts(db: Kysely<Database>, viewer: Viewer, q: CompareProductsQuery) {
  const ids = [...new Set(q.ids.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean))];
  const bad = ids.find((id) => !UUID.test(id));
  if (bad !== undefined) throw invalidField('querystring.ids', `'${bad}' is not a product id`);
  if (ids.length < 2 || ids.length > 5) throw invalidField('querystring.ids', `must name 2 to 5 different products, not ${ids.length}`);
  const rows = await findProducts(db, ids);
  const missing = ids.find((id) => !rows.some((r) => r.id === id));
  if (missing !== undefined) throw notFound('Product', missing);
  const products = ids.map((id) => rows.find((r) => r.id === id)!);
  const status = await statusFor(db, viewer, q);
  const day = today();

  const schemas = new Map<string, FieldsSchema>();
  for (const categoryId of new Set(products.map((p) => p.category_id).filter((c): c is string => c !== null))) {
    const found = await effectiveSchemaOf(db, categoryId);
    if (found) schemas.set(categoryId, found.schema);
  }
  const titles = new Map<string, string>();
  for (const p of products) {
    const properties = p.category_id ? (schemas.get(p.category_id)?.properties ?? {}) : {};
    for (const [name, property] of Object.entries(properties)) if (!titles.has(name)) titles.set(name, typeof property.title === 'string' ? property.title : name);
  }
  const extra = [...new Set(products.flatMap((p) => Object.keys(p.attributes)))].filter((name) => !titles.has(name)).sort();
  for (const name of extra) titles.set(name, name);

  const attributes = [...titles].map(([name, title]) => {
    const values = products.map((p) => p.attributes[name] ?? null);
    const canonical = new Set(values.map(canonicalJson));
    return { name, title, values, differing: canonical.size > 1 };
  });
  const withPrices = [];
  for (const p of products) {
    const price = (await resolvePrice(db, p, status, p.currency, day))!;
    withPrices.push({ id: p.id, sku: p.sku, name: p.name, categoryId: p.category_id, unit: p.unit, active: p.active, basePrice: p.base_price, currency: p.currency, price });
  }
  return { customerStatus: status, products: withPrices, attributes };
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
