import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { ContactPoint, IdentifierKind } from './customer.table.js';

export interface Identifier {
  readonly kind: IdentifierKind;
  readonly value: string;
}

/**
 * The comparable form of an identifier: e-mails lower-case, phones digits only (so
 * "+48 500-100-200" and "48500100200" match), tax ids upper-case without separators.
 */
export function normaliseIdentifier(kind: IdentifierKind, value: string): string {
  if (kind === 'email') return value.trim().toLowerCase();
  if (kind === 'phone') return value.replace(/\D/g, '');
  return value.replace(/[\s.-]/g, '').toUpperCase();
}

export function identifiersOf(fields: { emails: ContactPoint[]; phones: ContactPoint[]; taxId: string | null }): Identifier[] {
  const all: Identifier[] = [
    ...fields.emails.map((e) => ({ kind: 'email' as const, value: normaliseIdentifier('email', e.value) })),
    ...fields.phones.map((p) => ({ kind: 'phone' as const, value: normaliseIdentifier('phone', p.value) })),
    ...(fields.taxId ? [{ kind: 'taxId' as const, value: normaliseIdentifier('taxId', fields.taxId) }] : []),
  ];
  const unique = new Map(all.filter((i) => i.value !== '').map((i) => [`${i.kind}:${i.value}`, i]));
  return [...unique.values()];
}

export async function replaceIdentifiers(db: Kysely<Database>, customerId: string, identifiers: Identifier[]): Promise<void> {
  await db.deleteFrom('customer_identifiers').where('customer_id', '=', customerId).execute();
  if (identifiers.length) {
    await db
      .insertInto('customer_identifiers')
      .values(identifiers.map((i) => ({ customer_id: customerId, kind: i.kind, value: i.value })))
      .execute();
  }
}

/** Other customers sharing any of the identifiers: customer id → what matched. */
export async function customersSharing(db: Kysely<Database>, customerId: string, identifiers: Identifier[]): Promise<Map<string, IdentifierKind[]>> {
  const matches = new Map<string, IdentifierKind[]>();
  if (!identifiers.length) return matches;
  const rows = await db
    .selectFrom('customer_identifiers')
    .select(['customer_id', 'kind'])
    .distinct()
    .where('customer_id', '<>', customerId)
    .where((eb) => eb.or(identifiers.map((i) => eb.and([eb('kind', '=', i.kind), eb('value', '=', i.value)]))))
    .orderBy('customer_id')
    .orderBy('kind')
    .execute();
  for (const row of rows) matches.set(row.customer_id, [...(matches.get(row.customer_id) ?? []), row.kind]);
  return matches;
}
