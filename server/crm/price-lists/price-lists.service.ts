import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, notFound } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit-log.repository.js';
import { findProducts } from '../products/products.repository.js';
import { invalidField } from '../shared.js';
import type { ItemInput, NewPriceList, PriceListChanges, PriceListFields } from './price-list.schemas.js';
import { findItem, findPriceList, insertPriceList, toItemDto, toPriceListDto, updatePriceListRow, upsertItems, type PriceListDto } from './price-lists.repository.js';

type Db = Kysely<Database>;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Creates a list with its first items (up to 1000; more go through PUT …/items/:productId). */
export async function createPriceList(db: Db, actor: Actor, input: NewPriceList): Promise<PriceListDto> {
  const { items = [], ...given } = input;
  const fields = checkListFields({ validFrom: null, validTo: null, customerStatuses: [], discountPercent: null, ...given });
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const id = await insertPriceList(trx, { ...toColumns(fields), created_at: now, updated_at: now });
    await upsertItems(trx, id, await checkItems(trx, fields.currency, items, 'body.items'));
    const after = toPriceListDto((await findPriceList(trx, id))!);
    await recordAudit(trx, actor, { entityType: 'price_list', entityId: id, action: 'create', after: { ...after, items } });
    return after;
  });
}

/** A PATCH of the list's own fields. Its currency is fixed while it has items: their prices are in it. */
export async function updatePriceList(db: Db, actor: Actor, id: string, changes: PriceListChanges, expected: number): Promise<PriceListDto> {
  const { version: _version, ...fieldChanges } = changes;
  return writeList(db, actor, id, expected, 'update', async (trx, current) => {
    const fields = checkListFields({ ...current, ...fieldChanges });
    if (fields.currency !== current.currency && current.itemCount > 0) throw invalidField('body.currency', 'cannot change while the list has items (their prices are in the old currency)');
    await updatePriceListRow(trx, id, { ...toColumns(fields), version: current.version + 1, updated_at: new Date() });
    return undefined;
  });
}

export async function deletePriceList(db: Db, actor: Actor, id: string, expected: number | undefined): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await lockedList(trx, id, expected);
    await trx.deleteFrom('price_lists').where('id', '=', id).execute();
    await recordAudit(trx, actor, { entityType: 'price_list', entityId: id, action: 'delete', before: current });
  });
}

/** Sets one product's item (fixed price or discount), adding it or replacing it; bumps the list's version. */
export async function putItem(db: Db, actor: Actor, id: string, productId: string, input: Omit<ItemInput, 'productId'>, expected: number | undefined) {
  let item: ReturnType<typeof toItemDto> | undefined;
  const list = await writeList(db, actor, id, expected, 'put_item', async (trx, current) => {
    const before = await findItem(trx, id, productId);
    const [checked] = await checkItems(trx, current.currency, [{ ...input, productId }], 'body', 'params.productId');
    await upsertItems(trx, id, [checked!]);
    await updatePriceListRow(trx, id, { version: current.version + 1, updated_at: new Date() });
    item = toItemDto((await findItem(trx, id, productId))!);
    return { before: before && toItemDto(before), after: item };
  });
  return { list, item: item! };
}

export async function deleteItem(db: Db, actor: Actor, id: string, productId: string, expected: number | undefined): Promise<PriceListDto> {
  return writeList(db, actor, id, expected, 'delete_item', async (trx, current) => {
    const before = await findItem(trx, id, productId);
    if (!before) throw notFound('Item for product', productId);
    await trx.deleteFrom('price_list_items').where('price_list_id', '=', id).where('product_id', '=', productId).execute();
    await updatePriceListRow(trx, id, { version: current.version + 1, updated_at: new Date() });
    return { before: toItemDto(before) };
  });
}

export async function getPriceList(db: Db, id: string): Promise<PriceListDto> {
  const row = await findPriceList(db, id);
  if (!row) throw notFound('Price list', id);
  return toPriceListDto(row);
}

/**
 * The frame of every list write: one transaction, the list locked (404 if absent), the version
 * read still current when one was given (409 otherwise), the change audited. Item writes audit
 * the item changed (`detail`) rather than the whole list.
 */
async function writeList(
  db: Db,
  actor: Actor,
  id: string,
  expected: number | undefined,
  action: string,
  change: (trx: Db, current: PriceListDto) => Promise<{ before?: unknown; after?: unknown } | undefined>,
): Promise<PriceListDto> {
  return db.transaction().execute(async (trx) => {
    const current = await lockedList(trx, id, expected);
    const detail = await change(trx, current);
    const after = toPriceListDto((await findPriceList(trx, id))!);
    await recordAudit(trx, actor, { entityType: 'price_list', entityId: id, action, before: detail ? detail.before ?? null : current, after: detail ? detail.after ?? null : after });
    return after;
  });
}

async function lockedList(trx: Db, id: string, expected: number | undefined): Promise<PriceListDto> {
  const row = await findPriceList(trx, id, { forUpdate: true });
  if (!row) throw notFound('Price list', id);
  if (expected !== undefined && row.version !== expected) {
    throw new AppError('SRV_ERR_CONFLICT', `Expected version ${expected}, but the price list is at version ${row.version}: reload and retry`, { currentVersion: row.version });
  }
  return toPriceListDto(row);
}

function checkListFields(fields: PriceListFields): PriceListFields {
  if (!CURRENCIES.has(fields.currency)) throw invalidField('body.currency', `'${fields.currency}' is not an ISO 4217 currency code`);
  if (fields.validFrom && fields.validTo && fields.validTo < fields.validFrom) throw invalidField('body.validTo', `must not be before validFrom (${fields.validFrom})`);
  return { ...fields, name: fields.name.trim(), customerStatuses: [...fields.customerStatuses].sort() };
}

/**
 * Each item sets exactly one of price / discountPercent, names an existing product once, and a
 * discount (on the base price) needs the product's base price in the list's currency.
 */
async function checkItems(db: Db, currency: string, items: ItemInput[], base: string, productField?: string) {
  const products = new Map((await findProducts(db, [...new Set(items.map((i) => i.productId))])).map((p) => [p.id, p]));
  const seen = new Set<string>();
  return items.map((item, index) => {
    const at = productField ? base : `${base}.${index}`;
    const product = products.get(item.productId);
    if (!product) throw invalidField(productField ?? `${at}.productId`, 'names no product');
    if (seen.has(item.productId)) throw invalidField(`${at}.productId`, 'appears twice in the list');
    seen.add(item.productId);
    if ((item.price === undefined) === (item.discountPercent === undefined)) throw invalidField(at, 'must set exactly one of price and discountPercent');
    if (item.discountPercent !== undefined && product.currency !== currency) {
      throw invalidField(`${at}.discountPercent`, `is a discount on the base price, which is in ${product.currency}, not in the list's ${currency}: give a price instead`);
    }
    return { productId: item.productId, price: item.price ?? null, discountPercent: item.discountPercent ?? null };
  });
}

function toColumns(fields: PriceListFields) {
  return {
    name: fields.name,
    currency: fields.currency,
    valid_from: fields.validFrom,
    valid_to: fields.validTo,
    customer_statuses: fields.customerStatuses,
    discount_percent: fields.discountPercent,
  };
}
