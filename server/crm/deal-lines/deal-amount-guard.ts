import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { conflict } from '../../errors.js';
import { normalise } from '../products/money.js';
import { hasLines } from './deal-lines.repository.js';

/**
 * A deal with product lines takes its amount from them (deal-lines.service.ts), and their
 * prices are in the deal's currency: a PATCH may not set either by hand while lines exist.
 * Called by the deal's own update, inside its transaction.
 */
export async function refuseAmountOverLines(db: Kysely<Database>, deal: { id: string; amount: string; currency: string }, changes: { amount?: string; currency?: string }): Promise<void> {
  const amountChanged = changes.amount !== undefined && normalise(changes.amount, 2) !== normalise(deal.amount, 2);
  const currencyChanged = changes.currency !== undefined && changes.currency !== deal.currency;
  if ((amountChanged || currencyChanged) && (await hasLines(db, deal.id))) {
    throw conflict(`The deal's ${amountChanged ? 'amount' : 'currency'} follows its product lines: change the lines (PUT /api/deals/${deal.id}/lines) instead`);
  }
}
