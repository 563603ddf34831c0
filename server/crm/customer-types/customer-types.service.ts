import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { conflict, notFound } from '../../errors.js';
import { recordAudit, type Actor } from '../audit/audit-log.repository.js';
import { isUniqueViolation } from '../shared.js';
import type { CustomerTypeInput } from './customer-type.schemas.js';
import type { CustomerTypeRow } from './customer-type.table.js';
import { compileFieldsSchema } from './fields-validator.js';

/** Types are created, not edited: changing a schema under existing customers needs a migration story first. */
export async function createCustomerType(db: Kysely<Database>, actor: Actor, input: CustomerTypeInput) {
  compileFieldsSchema(input.fieldsSchema, 'body.fieldsSchema');
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('customer_types')
        .values({ key: input.key, name: input.name, kind: input.kind, fields_schema: JSON.stringify(input.fieldsSchema) })
        .returningAll()
        .executeTakeFirstOrThrow();
      const after = toCustomerTypeDto(row);
      await recordAudit(trx, actor, { entityType: 'customer_type', entityId: row.id, action: 'create', after });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A customer type with the key '${input.key}' already exists`);
    throw error;
  }
}

export const listCustomerTypes = async (db: Kysely<Database>) =>
  (await db.selectFrom('customer_types').selectAll().orderBy('key').execute()).map(toCustomerTypeDto);

export async function getCustomerType(db: Kysely<Database>, id: string) {
  const row = await db.selectFrom('customer_types').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Customer type', id);
  return toCustomerTypeDto(row);
}

function toCustomerTypeDto(row: CustomerTypeRow) {
  return { id: row.id, key: row.key, name: row.name, kind: row.kind, fieldsSchema: row.fields_schema };
}
