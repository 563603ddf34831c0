import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import type { Viewer } from '../access/viewer.js';
import { recordAudit, type Actor } from '../audit/audit-log.repository.js';
import { invalidField } from '../shared.js';
import { checkLeadValues, cleanText, emptyLeadValues, type LeadValues } from './lead-fields.js';
import { actingForLead, actingForNewLead } from './lead-scope.js';
import type { LeadChanges, LeadInput, NewLead } from './lead.schemas.js';
import type { LeadRow } from './lead.tables.js';
import { contentColumns, findVisibleLead, toLeadDto, valuesOf, type LeadDto } from './leads.repository.js';

type Db = Kysely<Database>;

/**
 * Creates a lead in the inbox (status `new`), owned by the caller unless another owner is
 * named, shared with the owner's unit unless another unit (or none) is named. It must land
 * in the caller's scope (or that of someone they stand in for), else 403.
 */
export async function createLead(db: Db, viewer: Viewer, input: NewLead): Promise<LeadDto> {
  return db.transaction().execute(async (trx) => {
    const values = checked(valuesFrom(emptyLeadValues(), input));
    const ownerId = input.ownerId ?? viewer.userId;
    const unitId = await checkOwnerAndUnit(trx, ownerId, input.unitId);
    const acting = await actingForNewLead(trx, viewer, ownerId, unitId);
    if (!acting) throw forbidden('The new lead would lie outside your scope: own it yourself, or share it with one of your units');
    const now = new Date();
    const row = await trx
      .insertInto('leads')
      .values({ id: randomUUID(), ...contentColumns(values), source: input.source, owner_id: ownerId, unit_id: unitId, created_by: viewer.userId, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toLeadDto(row);
    await recordAudit(trx, { userId: viewer.userId, onBehalfOf: acting.onBehalfOf }, { entityType: 'lead', entityId: row.id, action: 'create', after });
    return after;
  });
}

/** A PATCH of the lead's content, source, owner or unit (not its status) under optimistic concurrency. */
export async function updateLead(db: Db, viewer: Viewer, id: string, changes: LeadChanges, expected: number): Promise<LeadDto> {
  const { version: _version, ...given } = changes;
  return writeLead(db, viewer, id, expected, async (trx, current) => {
    const values = checked(valuesFrom(valuesOf(current), given));
    const ownerId = given.ownerId ?? current.owner_id;
    const unitId = given.unitId !== undefined || given.ownerId !== undefined ? await checkOwnerAndUnit(trx, ownerId, given.unitId === undefined ? current.unit_id : given.unitId) : current.unit_id;
    const row = await trx
      .updateTable('leads')
      .set({ ...contentColumns(values), source: given.source ?? current.source, owner_id: ownerId, unit_id: unitId, version: current.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row, action: 'update' };
  });
}

/** Removes a lead that was not converted (a converted one is the customer's history). */
export async function deleteLead(db: Db, viewer: Viewer, id: string, expected: number | undefined): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await lockForWrite(trx, viewer, id, expected);
    const actor = await actorFor(trx, viewer, id);
    await trx.deleteFrom('leads').where('id', '=', id).execute();
    await recordAudit(trx, actor, { entityType: 'lead', entityId: id, action: 'delete', before: toLeadDto(current) });
  });
}

export async function getLead(db: Db, viewer: Viewer, id: string): Promise<LeadDto> {
  const row = await findVisibleLead(db, viewer, id);
  if (!row) throw notFound('Lead', id);
  return toLeadDto(row);
}

/**
 * The frame of every lead write: one transaction, the lead locked and visible to the caller
 * (else 404), the version the caller read still current (else 409), not converted (else
 * 409: a converted lead is read-only), and the change audited with before and after.
 */
export async function writeLead(
  db: Db,
  viewer: Viewer,
  id: string,
  expected: number,
  change: (trx: Db, current: LeadRow, actor: Actor) => Promise<{ row: LeadRow; action: string; extra?: Record<string, unknown> }>,
): Promise<LeadDto> {
  return db.transaction().execute(async (trx) => {
    const current = await lockForWrite(trx, viewer, id, expected);
    const actor = await actorFor(trx, viewer, id);
    const { row, action, extra } = await change(trx, current, actor);
    const after = toLeadDto(row);
    await recordAudit(trx, actor, { entityType: 'lead', entityId: id, action, before: toLeadDto(current), after: extra ? { ...after, ...extra } : after });
    return after;
  });
}

async function lockForWrite(trx: Db, viewer: Viewer, id: string, expected: number | undefined): Promise<LeadRow> {
  const current = await findVisibleLead(trx, viewer, id, { forUpdate: true });
  if (!current) throw notFound('Lead', id);
  if (expected !== undefined && current.version !== expected) {
    throw new AppError('SRV_ERR_CONFLICT', `Expected version ${expected}, but the lead is at version ${current.version}: reload and retry`, { currentVersion: current.version });
  }
  if (current.status === 'converted') {
    throw new AppError('SRV_ERR_LEAD_CONVERTED', `Lead '${id}' was converted on ${current.converted_at?.toISOString()} and is read-only`, {
      customerId: current.converted_customer_id,
      dealId: current.converted_deal_id,
    });
  }
  return current;
}

async function actorFor(trx: Db, viewer: Viewer, id: string): Promise<Actor> {
  const acting = (await actingForLead(trx, viewer, id))!;
  return { userId: viewer.userId, onBehalfOf: acting.onBehalfOf };
}

/** The given fields over `base`: text trimmed (blank = none), products de-duplicated. */
function valuesFrom(base: LeadValues, input: LeadInput): LeadValues {
  const values = { ...base };
  for (const key of ['personName', 'companyName', 'email', 'phone', 'purpose', 'notes', 'sourceDetail'] as const) {
    if (input[key] !== undefined) values[key] = cleanText(input[key]);
  }
  if (input.productsOfInterest) values.productsOfInterest = [...new Set(input.productsOfInterest.map((p) => p.trim()).filter(Boolean))];
  if (input.customData) values.customData = input.customData;
  return values;
}

/** The rules the schema cannot say; the first broken one is a 400 naming the field. */
function checked(values: LeadValues): LeadValues {
  const [problem] = checkLeadValues(values);
  if (problem) throw invalidField(`body.${problem.field ?? 'lead'}`, problem.message);
  return values;
}

/** The owner must exist; the unit (given, or by default the owner's own) too. */
export async function checkOwnerAndUnit(db: Db, ownerId: string, unitId: string | null | undefined, field = 'body'): Promise<string | null> {
  if (!(await db.selectFrom('users').select('id').where('id', '=', ownerId).executeTakeFirst())) throw invalidField(`${field}.ownerId`, 'names no user');
  if (unitId === undefined) return defaultUnitOf(db, ownerId);
  if (unitId !== null && !(await db.selectFrom('org_units').select('id').where('id', '=', unitId).executeTakeFirst())) throw invalidField(`${field}.unitId`, 'names no org unit');
  return unitId;
}

/** The unit where the user sits (a rep's seat before a head's; then the upper unit), or none. */
async function defaultUnitOf(db: Db, userId: string): Promise<string | null> {
  const seat = await db
    .selectFrom('user_positions as up')
    .innerJoin('positions as p', 'p.id', 'up.position_id')
    .innerJoin('org_units as u', 'u.id', 'p.unit_id')
    .select('u.id')
    .where('up.user_id', '=', userId)
    .orderBy('p.is_head')
    .orderBy('u.path')
    .limit(1)
    .executeTakeFirst();
  return seat?.id ?? null;
}
