import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { DealLineTable } from './deal-line.table.js';

type Db = Kysely<Database>;

/** A deal's lines in order, with their products; numbers as text (never floats). */
export async function linesOf(db: Db, dealId: string) {
  return db
    .selectFrom('deal_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .select([
      'l.id',
      'l.position',
      'l.product_id',
      'p.sku',
      'p.name',
      'p.unit',
      'l.description',
      sql<string>`l.quantity::text`.as('quantity'),
      sql<string>`l.unit_price::text`.as('unit_price'),
      sql<string>`l.discount_percent::text`.as('discount_percent'),
      sql<string>`l.line_total::text`.as('line_total'),
      'l.price_list_id',
    ])
    .where('l.deal_id', '=', dealId)
    .orderBy('l.position')
    .execute();
}

export type LineRow = Awaited<ReturnType<typeof linesOf>>[number];

export async function replaceLineRows(db: Db, dealId: string, rows: Array<Omit<Insertable<DealLineTable>, 'deal_id'>>): Promise<void> {
  await db.deleteFrom('deal_lines').where('deal_id', '=', dealId).execute();
  if (rows.length) await db.insertInto('deal_lines').values(rows.map((row) => ({ ...row, deal_id: dealId }))).execute();
}

export async function hasLines(db: Db, dealId: string): Promise<boolean> {
  return (await db.selectFrom('deal_lines').select('id').where('deal_id', '=', dealId).limit(1).executeTakeFirst()) !== undefined;
}

export function toLineDto(row: LineRow) {
  return {
    id: row.id,
    position: row.position,
    productId: row.product_id,
    sku: row.sku,
    name: row.name,
    unit: row.unit,
    description: row.description,
    quantity: row.quantity,
    unitPrice: row.unit_price,
    discountPercent: row.discount_percent,
    lineTotal: row.line_total,
    priceListId: row.price_list_id,
  };
}
