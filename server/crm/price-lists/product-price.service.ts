import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, notFound } from '../../errors.js';
import type { Viewer } from '../access/viewer.js';
import type { CustomerStatus } from '../customers/customer.table.js';
import { findVisibleCustomer } from '../customers/customers.repository.js';
import { findProduct } from '../products/products.repository.js';
import { invalidField } from '../shared.js';
import type { PriceQuery } from './price-list.schemas.js';
import { resolvePrice, today } from './price-resolution.js';

/**
 * The status whose lists apply: the named customer's (one the viewer can see — a price must
 * not reveal whether an invisible customer exists), or the one given; null when neither.
 */
export async function statusFor(db: Kysely<Database>, viewer: Viewer, q: { customerId?: string; customerStatus?: CustomerStatus }): Promise<CustomerStatus | null> {
  if (q.customerId && q.customerStatus) throw invalidField('querystring.customerStatus', 'goes without customerId (the customer’s own status is used)');
  if (!q.customerId) return q.customerStatus ?? null;
  const customer = await findVisibleCustomer(db, viewer, q.customerId);
  if (!customer) throw invalidField('querystring.customerId', 'names no customer you can see');
  return customer.status;
}

/** `GET /api/products/:id/price`: the applicable price and the list that gave it. */
export async function productPrice(db: Kysely<Database>, viewer: Viewer, productId: string, q: PriceQuery) {
  const product = await findProduct(db, productId);
  if (!product) throw notFound('Product', productId);
  const status = await statusFor(db, viewer, q);
  const currency = q.currency ?? product.currency;
  const on = q.on ?? today();
  const resolved = await resolvePrice(db, product, status, currency, on);
  if (!resolved) throw new AppError('SRV_ERR_NOT_FOUND', `No price for product '${product.sku}' in ${currency} on ${on}: its base price is in ${product.currency} and no price list gives one`);
  return { ...resolved, productId, basePrice: product.base_price, baseCurrency: product.currency, customerStatus: status, on };
}
