import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { actingFor } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';
import { recordAudit } from '../audit/audit-log.repository.js';
import { invalidField } from '../shared.js';
import { checkCustomerFields, defaultFields } from './customer-fields.js';
import { customersSharing, identifiersOf, replaceIdentifiers } from './customer-identifiers.js';
import type { CustomerChanges, NewCustomer } from './customer.schemas.js';
import { customerNotFound } from '../merge/merged-pointer.js';
import { fieldsOf, findVisibleCustomer, toColumns, toCustomerDto, type CustomerDto } from './customers.repository.js';

/**
 * Creates a customer (owner: the caller unless given) and flags possible duplicates —
 * others with the same e-mail, phone or tax id; the record is created all the same. A
 * non-admin may only create what lands in their scope (or in that of someone they stand
 * in for: the write is then audited on that user's behalf).
 */
export async function createCustomer(db: Kysely<Database>, viewer: Viewer, input: NewCustomer) {
  return db.transaction().execute(async (trx) => {
    const { kind, ...given } = input;
    const fields = await checkCustomerFields(trx, kind, { ...defaultFields(viewer.userId), ...given });
    const now = new Date();
    const row = await trx
      .insertInto('customers')
      .values({ kind, ...toColumns(fields), created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const acting = await actingFor(trx, viewer, row.id);
    if (!acting) throw forbidden('The new customer would lie outside your scope: set yourself as owner, or one of your units');
    const identifiers = identifiersOf(fields);
    await replaceIdentifiers(trx, row.id, identifiers);
    const after = toCustomerDto(row);
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: acting.onBehalfOf }, { entityType: 'customer', entityId: row.id, action: 'create', after });
    return { ...after, possibleDuplicates: await duplicatesOf(trx, viewer, row.id, identifiers) };
  });
}

/**
 * Applies a PATCH under optimistic concurrency: the caller names the version they read
 * (`If-Match` or `version`); another write in between makes it a 409 and changes nothing.
 * Customers outside the caller's scope answer 404, as if they did not exist.
 */
export async function updateCustomer(db: Kysely<Database>, viewer: Viewer, id: string, changes: CustomerChanges, ifMatch: number | undefined): Promise<CustomerDto> {
  const { version: bodyVersion, ...fieldChanges } = changes;
  const expected = ifMatch ?? bodyVersion;
  if (expected === undefined) throw invalidField('body.version', 'is required (or an If-Match header with the version you read)');
  return db.transaction().execute(async (trx) => {
    const current = await findVisibleCustomer(trx, viewer, id, { forUpdate: true });
    if (!current) throw notFound('Customer', id);
    if (current.version !== expected) {
      throw new AppError('SRV_ERR_CONFLICT', `Expected version ${expected}, but the customer is at version ${current.version}: reload and retry`, {
        currentVersion: current.version,
      });
    }
    const acting = (await actingFor(trx, viewer, id))!;
    const fields = await checkCustomerFields(trx, current.kind, { ...fieldsOf(current), ...fieldChanges });
    const row = await trx
      .updateTable('customers')
      .set({ ...toColumns(fields), version: current.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await replaceIdentifiers(trx, id, identifiersOf(fields));
    const after = toCustomerDto(row);
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: acting.onBehalfOf }, { entityType: 'customer', entityId: id, action: 'update', before: toCustomerDto(current), after });
    return after;
  });
}

export async function getCustomer(db: Kysely<Database>, viewer: Viewer, id: string): Promise<CustomerDto> {
  const row = await findVisibleCustomer(db, viewer, id);
  if (!row) throw await customerNotFound(db, viewer, id);
  return toCustomerDto(row);
}

/** Duplicates the viewer may not see are still flagged (a rep must learn the customer exists) but without a name. */
async function duplicatesOf(db: Kysely<Database>, viewer: Viewer, id: string, identifiers: ReturnType<typeof identifiersOf>) {
  const shared = await customersSharing(db, id, identifiers);
  const result = [];
  for (const [otherId, matchedOn] of shared) {
    const visible = await findVisibleCustomer(db, viewer, otherId);
    result.push({ id: otherId, name: visible?.name ?? null, matchedOn });
  }
  return result;
}
