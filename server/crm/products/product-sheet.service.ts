import { readFile } from 'node:fs/promises';
import Handlebars from 'handlebars';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { notFound } from '../../errors.js';
import type { Viewer } from '../access/viewer.js';
import type { CustomerStatus } from '../customers/customer.table.js';
import { resolvePrice, today } from '../price-lists/price-resolution.js';
import { statusFor } from '../price-lists/product-price.service.js';
import { chainOf, effectiveSchemaOf } from '../product-categories/product-categories.repository.js';
import { findProduct, toProductDto } from './products.repository.js';

const TEMPLATE = new URL('../../../templates/product-sheet.hbs', import.meta.url);
let compiled: Handlebars.TemplateDelegate | undefined;

/**
 * A printable product information sheet (PROD-4): HTML from templates/product-sheet.hbs, with
 * the attributes titled by the category's schema and the price for a customer (status) if
 * asked. Print it to PDF from the browser; Handlebars escapes every value, so a product's
 * text cannot inject markup.
 */
export async function productSheet(db: Kysely<Database>, viewer: Viewer, id: string, q: { customerId?: string; customerStatus?: CustomerStatus }): Promise<string> {
  const row = await findProduct(db, id);
  if (!row) throw notFound('Product', id);
  const status = await statusFor(db, viewer, q);
  const day = today();
  const found = row.category_id ? await effectiveSchemaOf(db, row.category_id) : undefined;
  const chain = found ? await chainOf(db, found.category.path) : [];
  const properties = found?.schema.properties ?? {};
  const names = [...Object.keys(properties), ...Object.keys(row.attributes).filter((n) => !(n in properties)).sort()];
  const attributes = names
    .filter((name) => row.attributes[name] !== undefined && row.attributes[name] !== null)
    .map((name) => ({ title: typeof properties[name]?.title === 'string' ? properties[name]!.title : name, value: display(row.attributes[name]) }));
  compiled ??= Handlebars.compile(await readFile(TEMPLATE, 'utf8'));
  return compiled({
    product: toProductDto(row),
    categoryPath: chain.map((c) => c.name).join(' › '),
    attributes,
    price: await resolvePrice(db, row, status, row.currency, day),
    customerStatus: status,
    printedOn: day,
  });
}

function display(value: unknown): string {
  if (Array.isArray(value)) return value.map(display).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
