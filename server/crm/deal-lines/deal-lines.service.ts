import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, conflict, notFound } from '../../errors.js';
import type { Viewer } from '../access/viewer.js';
import { recordAudit } from '../audit/audit-log.repository.js';
import { actingForDeal } from '../deals/deal-scope.js';
import type { DealRow } from '../deals/deal.tables.js';
import { findVisibleDeal, recordDealChange, updateDealRow } from '../deals/deals.repository.js';
import { resolvePrice, today } from '../price-lists/price-resolution.js';
import { fromUnits, lineTotalCents, MAX_CENTS, toUnits } from '../products/money.js';
import { findProducts } from '../products/products.repository.js';
import { invalidField } from '../shared.js';
import type { LineInput } from './deal-line.schemas.js';
import { linesOf, replaceLineRows, toLineDto, type LineRow } from './deal-lines.repository.js';

type Db = Kysely<Database>;

export async function getDealLines(db: Db, viewer: Viewer, dealId: string) {
  const deal = await findVisibleDeal(db, viewer, dealId);
  if (!deal) throw notFound('Deal', dealId);
  return toReply(deal, await linesOf(db, dealId));
}

/**
 * Replaces all of a deal's lines in one transaction, under the deal's optimistic concurrency:
 * whoever may change the deal may change its lines (the deal scope, deal-scope.ts). A line
 * without a unit price takes the product's price for the deal's customer (price lists by the
 * customer's status, in the deal's currency, today). With lines, the deal's amount is their
 * sum; the deal's version moves on, the amount change lands in the deal's history, and the
 * whole replacement in the audit log (lines before and after).
 */
export async function replaceDealLines(db: Db, viewer: Viewer, dealId: string, input: LineInput[], expected: number) {
  return db.transaction().execute(async (trx) => {
    const current = await findVisibleDeal(trx, viewer, dealId, { forUpdate: true });
    if (!current) throw notFound('Deal', dealId);
    if (current.version !== expected) {
      throw new AppError('SRV_ERR_CONFLICT', `Expected version ${expected}, but the deal is at version ${current.version}: reload and retry`, { currentVersion: current.version });
    }
    if (current.status !== 'open') throw conflict(`The deal is ${current.status}: reopen it before changing its lines`);
    const acting = (await actingForDeal(trx, viewer, dealId))!;
    const actor = { userId: viewer.userId, onBehalfOf: acting.onBehalfOf };
    const before = await linesOf(trx, dealId);

    const priced = await priceLines(trx, current, input, new Set(before.map((l) => l.product_id)));
    const total = priced.reduce((sum, line) => sum + line.cents, 0n);
    if (total > MAX_CENTS) throw invalidField('body.lines', `add up to more than the largest deal amount (${fromUnits(MAX_CENTS, 2)})`);
    await replaceLineRows(trx, dealId, priced.map(({ cents: _cents, ...row }) => row));

    const amount = priced.length ? fromUnits(total, 2) : current.amount;
    const row = await updateDealRow(trx, dealId, { amount, version: current.version + 1, updated_at: new Date() });
    if (row.amount !== current.amount) await recordDealChange(trx, actor, 'update', row, { stage: current.stage_key, status: current.status });
    const after = await linesOf(trx, dealId);
    await recordAudit(trx, actor, {
      entityType: 'deal',
      entityId: dealId,
      action: 'replace_lines',
      before: { version: current.version, amount: current.amount, lines: before.map(toLineDto) },
      after: { version: row.version, amount: row.amount, lines: after.map(toLineDto) },
    });
    return toReply(row, after);
  });
}

/**
 * Checks each line (400 naming `body.lines.<i>.<field>`) and prices it. Inactive products may
 * stay on a deal that has them already, but not be added.
 */
async function priceLines(db: Db, deal: DealRow, input: LineInput[], onDeal: Set<string>) {
  const products = new Map((await findProducts(db, [...new Set(input.map((l) => l.productId))])).map((p) => [p.id, p]));
  const customer = await db.selectFrom('customers').select('status').where('id', '=', deal.customer_id).executeTakeFirstOrThrow();
  const day = today();
  const lines = [];
  for (const [index, line] of input.entries()) {
    const at = `body.lines.${index}`;
    const product = products.get(line.productId);
    if (!product) throw invalidField(`${at}.productId`, 'names no product');
    if (!product.active && !onDeal.has(product.id)) throw invalidField(`${at}.productId`, `is product '${product.sku}', which is inactive`);
    if (toUnits(line.quantity, 3) === 0n) throw invalidField(`${at}.quantity`, 'must be above zero');
    let unitPrice = line.unitPrice;
    let priceListId: string | null = null;
    if (unitPrice === undefined) {
      const resolved = await resolvePrice(db, product, customer.status, deal.currency, day);
      if (!resolved) throw invalidField(`${at}.unitPrice`, `is needed: product '${product.sku}' has no price in ${deal.currency} (base price in ${product.currency}, no price list)`);
      unitPrice = resolved.price;
      priceListId = resolved.priceList?.id ?? null;
    }
    const cents = lineTotalCents(line.quantity, unitPrice, line.discountPercent);
    if (cents > MAX_CENTS) throw invalidField(at, 'comes to more than the largest amount a line can hold');
    lines.push({
      position: index + 1,
      product_id: product.id,
      description: line.description ?? null,
      quantity: line.quantity,
      unit_price: unitPrice,
      discount_percent: line.discountPercent,
      line_total: fromUnits(cents, 2),
      price_list_id: priceListId,
      cents,
    });
  }
  return lines;
}

function toReply(deal: DealRow, lines: LineRow[]) {
  return { dealId: deal.id, version: deal.version, currency: deal.currency, amount: deal.amount, lines: lines.map(toLineDto) };
}
