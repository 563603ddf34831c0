import { normaliseIdentifier } from '../customers/customer-identifiers.js';
import type { CustomerFields } from '../customers/customer.schemas.js';
import type { Address, ContactPoint } from '../customers/customer.table.js';

/** The customer schema's list limits: what does not fit is reported, never silently lost. */
const LIMITS = { emails: 20, phones: 20, addresses: 20, categories: 50 } as const;

export interface MergedFields {
  readonly fields: CustomerFields;
  /** What of the duplicate could not be carried over (a list was full), for the reply and the audit. */
  readonly notCarriedOver: string[];
}

/**
 * The survivor's fields completed from the duplicate: the survivor's values win; empty ones
 * (null) are filled; e-mails, phones, addresses and categories are united (the survivor's
 * first, its primaries stay primary, duplicates by normalised value dropped); custom fields
 * are merged key by key, the survivor's non-null values winning.
 */
export function mergeFields(survivor: CustomerFields, duplicate: CustomerFields): MergedFields {
  const notCarriedOver: string[] = [];
  const capped = <T>(list: T[], key: keyof typeof LIMITS, label: (item: T) => string): T[] => {
    for (const item of list.slice(LIMITS[key])) notCarriedOver.push(`${key}: ${label(item)}`);
    return list.slice(0, LIMITS[key]);
  };
  const customFields = { ...survivor.customFields };
  for (const [key, value] of Object.entries(duplicate.customFields)) {
    if (customFields[key] === undefined || customFields[key] === null) customFields[key] = value;
  }
  const fields: CustomerFields = {
    name: survivor.name,
    emails: capped(unitePoints(survivor.emails, duplicate.emails, 'email'), 'emails', (p) => p.value),
    phones: capped(unitePoints(survivor.phones, duplicate.phones, 'phone'), 'phones', (p) => p.value),
    addresses: capped(uniteBy(survivor.addresses, duplicate.addresses, addressKey), 'addresses', addressKey),
    status: survivor.status,
    categories: capped(uniteBy(survivor.categories, duplicate.categories, (c) => c), 'categories', (c) => c),
    ownerId: survivor.ownerId ?? duplicate.ownerId,
    unitId: survivor.unitId ?? duplicate.unitId,
    region: survivor.region ?? duplicate.region,
    source: survivor.source ?? duplicate.source,
    taxId: survivor.taxId ?? duplicate.taxId,
    typeId: survivor.typeId ?? duplicate.typeId,
    customFields,
  };
  return { fields, notCarriedOver };
}

function unitePoints(first: ContactPoint[], second: ContactPoint[], kind: 'email' | 'phone'): ContactPoint[] {
  return uniteBy(first, second.map((p) => ({ ...p, primary: false })), (p) => normaliseIdentifier(kind, p.value));
}

function uniteBy<T>(first: T[], second: T[], key: (item: T) => string): T[] {
  const seen = new Set(first.map(key));
  return [...first, ...second.filter((item) => !seen.has(key(item)) && seen.add(key(item)))];
}

function addressKey(address: Address): string {
  return ['label', 'street', 'city', 'postalCode', 'country'].map((k) => (address[k as keyof Address] ?? '').trim().toLowerCase()).join('|');
}
