import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, conflict } from '../../errors.js';
import { actingFor } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';
import { recordAudit } from '../audit/audit-log.repository.js';
import { checkCustomerFields } from '../customers/customer-fields.js';
import { identifiersOf, replaceIdentifiers } from '../customers/customer-identifiers.js';
import type { CustomerFields } from '../customers/customer.schemas.js';
import type { CustomerRow } from '../customers/customer.table.js';
import { fieldsOf, findVisibleCustomer, toColumns, toCustomerDto, type CustomerDto } from '../customers/customers.repository.js';
import { invalidField, isForeignKeyViolation } from '../shared.js';
import { mergeFields } from './merge-fields.js';
import { MERGE_STEPS } from './merge-steps.js';
import { customerNotFound } from './merged-pointer.js';

type Db = Kysely<Database>;

export interface MergeResult {
  customer: CustomerDto;
  mergedId: string;
  moved: Record<string, number>;
  notCarriedOver: string[];
}

/**
 * Merges `duplicateId` into `survivorId` in ONE transaction: both rows locked (in id order,
 * so two opposite merges cannot deadlock), the caller allowed to change both (else 404 /
 * 400), the survivor still at the version the caller read (else 409); then the related
 * rows move (merge-steps.ts), the survivor's fields are completed from the duplicate
 * (merge-fields.ts) and re-validated, its identifiers rebuilt, the duplicate deleted and a
 * pointer left (customer_merges), and both sides audited. Any failure changes nothing.
 */
export async function mergeCustomers(db: Db, viewer: Viewer, survivorId: string, duplicateId: string, expected: number): Promise<MergeResult> {
  if (survivorId === duplicateId) throw invalidField('body.duplicateId', 'must name another customer than the one merged into');
  return db.transaction().execute(async (trx) => {
    const { survivor, duplicate } = await lockBoth(trx, viewer, survivorId, duplicateId);
    if (survivor.version !== expected) {
      throw new AppError('SRV_ERR_CONFLICT', `Expected version ${expected}, but the customer is at version ${survivor.version}: reload and retry`, { currentVersion: survivor.version });
    }
    if (survivor.kind !== duplicate.kind) throw invalidField('body.duplicateId', `names a ${duplicate.kind}, but the customer merged into is a ${survivor.kind}`);
    const survivorActing = await actingFor(trx, viewer, survivorId);
    const duplicateActing = await actingFor(trx, viewer, duplicateId);

    const moved: Record<string, number> = {};
    for (const step of MERGE_STEPS) moved[step.name] = await step.run(trx, { survivorId, duplicateId });
    const merged = mergeFields(fieldsOf(survivor), fieldsOf(duplicate));
    const fields = await firstValid(trx, survivor, merged.fields, merged.notCarriedOver);

    await trx.deleteFrom('customers').where('id', '=', duplicateId).execute().catch((error: unknown) => {
      if (isForeignKeyViolation(error)) throw conflict(`The duplicate is still referenced by ${(error as { table?: string }).table ?? 'another area'}, which cannot merge yet: nothing was changed`);
      throw error;
    });
    const row = await trx
      .updateTable('customers')
      .set({ ...toColumns(fields), version: survivor.version + 1, updated_at: new Date() })
      .where('id', '=', survivorId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await replaceIdentifiers(trx, survivorId, identifiersOf(fields));
    await trx.insertInto('customer_merges').values({ merged_id: duplicateId, survivor_id: survivorId, merged_by: viewer.userId, merged_at: new Date() }).execute();

    const customer = toCustomerDto(row);
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: survivorActing!.onBehalfOf }, {
      entityType: 'customer',
      entityId: survivorId,
      action: 'merge',
      before: toCustomerDto(survivor),
      after: { ...customer, mergedId: duplicateId, moved, notCarriedOver: merged.notCarriedOver },
    });
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: duplicateActing!.onBehalfOf }, {
      entityType: 'customer',
      entityId: duplicateId,
      action: 'merged',
      before: toCustomerDto(duplicate),
      after: { mergedIntoId: survivorId },
    });
    return { customer, mergedId: duplicateId, moved, notCarriedOver: merged.notCarriedOver };
  });
}

/** Both customers, locked in id order; the survivor must be visible (404), the duplicate too (400 naming it). */
async function lockBoth(trx: Db, viewer: Viewer, survivorId: string, duplicateId: string): Promise<{ survivor: CustomerRow; duplicate: CustomerRow }> {
  const rows = new Map<string, CustomerRow | undefined>();
  for (const id of [survivorId, duplicateId].sort()) rows.set(id, await findVisibleCustomer(trx, viewer, id, { forUpdate: true }));
  const survivor = rows.get(survivorId);
  if (!survivor) throw await customerNotFound(trx, viewer, survivorId);
  const duplicate = rows.get(duplicateId);
  if (!duplicate) {
    const gone = await customerNotFound(trx, viewer, duplicateId);
    if (gone.code === 'SRV_ERR_MERGED') throw conflict(`Customer '${duplicateId}' was merged already, into '${String(gone.details?.mergedIntoId)}'`);
    throw invalidField('body.duplicateId', 'names no customer you can see');
  }
  return { survivor, duplicate };
}

/**
 * The merged fields as far as the survivor's customer type allows: the duplicate's type is
 * taken only if the merged custom fields satisfy it, and the duplicate's custom fields only
 * if the survivor's type accepts them — otherwise the survivor keeps its own (reported).
 */
async function firstValid(trx: Db, survivor: CustomerRow, merged: CustomerFields, notCarriedOver: string[]): Promise<CustomerFields> {
  const own = fieldsOf(survivor);
  const candidates: Array<[CustomerFields, string[]]> = [
    [merged, []],
    [{ ...merged, typeId: own.typeId }, merged.typeId !== own.typeId ? ['typeId'] : []],
    [{ ...merged, typeId: own.typeId, customFields: own.customFields }, ['customFields (they break the customer type’s schema)']],
  ];
  for (const [fields, dropped] of candidates) {
    try {
      const checked = await checkCustomerFields(trx, survivor.kind, fields);
      notCarriedOver.push(...dropped);
      return checked;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'SRV_ERR_VALIDATION') throw error;
    }
  }
  return own;
}
