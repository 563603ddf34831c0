import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { checkCustomFields } from '../customer-types/fields-validator.js';
import { invalidField } from '../shared.js';
import type { CustomerFields } from './customer.schemas.js';
import type { ContactPoint, CustomerKind } from './customer.table.js';

/**
 * The rules the route schema cannot say: one primary e-mail and phone (the first one when
 * none is marked), a tax id only for companies, owner/unit/type naming existing rows, and
 * custom fields valid for the customer's type (flat scalars without one). Each failure is
 * a 400 naming the field.
 */
export async function checkCustomerFields(db: Kysely<Database>, kind: CustomerKind, fields: CustomerFields): Promise<CustomerFields> {
  if (kind === 'person' && fields.taxId !== null) throw invalidField('body.taxId', 'is for companies only');
  if (fields.ownerId && !(await db.selectFrom('users').select('id').where('id', '=', fields.ownerId).executeTakeFirst())) {
    throw invalidField('body.ownerId', 'names no user');
  }
  if (fields.unitId && !(await db.selectFrom('org_units').select('id').where('id', '=', fields.unitId).executeTakeFirst())) {
    throw invalidField('body.unitId', 'names no org unit');
  }
  if (fields.typeId) {
    const type = await db.selectFrom('customer_types').selectAll().where('id', '=', fields.typeId).executeTakeFirst();
    if (!type) throw invalidField('body.typeId', 'names no customer type');
    if (type.kind !== kind) throw invalidField('body.typeId', `is a type of ${type.kind} customers, not of ${kind} ones`);
    checkCustomFields(type, fields.customFields);
  } else {
    checkScalars(fields.customFields);
  }
  return { ...fields, emails: withOnePrimary(fields.emails, 'body.emails'), phones: withOnePrimary(fields.phones, 'body.phones') };
}

/** Without a type, custom fields are a flat bag of scalars. */
function checkScalars(customFields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(customFields)) {
    const scalar = value === null || ['number', 'boolean'].includes(typeof value) || (typeof value === 'string' && value.length <= 2000);
    if (!scalar) throw invalidField(`body.customFields.${key}`, 'must be a string (up to 2000 characters), number, boolean or null');
  }
}

function withOnePrimary(points: ContactPoint[], field: string): ContactPoint[] {
  const primaries = points.filter((p) => p.primary).length;
  if (primaries > 1) throw invalidField(field, 'must have at most one primary entry');
  return points.map((p, i) => ({ value: p.value, primary: primaries === 0 ? i === 0 : p.primary === true }));
}

export function defaultFields(ownerId: string): Omit<CustomerFields, 'name'> {
  return {
    emails: [],
    phones: [],
    addresses: [],
    status: 'new',
    categories: [],
    ownerId,
    unitId: null,
    region: null,
    source: null,
    taxId: null,
    typeId: null,
    customFields: {},
  };
}
