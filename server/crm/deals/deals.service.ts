import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, conflict, notFound } from '../../errors.js';
import { actingFor } from '../access/customer-scope.js';
import type { Viewer } from '../access/viewer.js';
import { recordAudit, type Actor } from '../audit/audit-log.repository.js';
import { findVisibleCustomer } from '../customers/customers.repository.js';
import { refuseAmountOverLines } from '../deal-lines/deal-amount-guard.js';
import { findPipeline, stagesOf } from '../pipelines/pipelines.repository.js';
import { invalidField, isForeignKeyViolation } from '../shared.js';
import { actingForDeal } from './deal-scope.js';
import type { DealChanges, DealFields, NewDeal } from './deal.schemas.js';
import type { DealRow } from './deal.tables.js';
import { dealHistory, findVisibleDeal, insertDeal, recordDealChange, toDealDto, toHistoryDto, updateDealRow, type DealDto } from './deals.repository.js';

type Db = Kysely<Database>;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/**
 * Creates an open deal on a customer the caller can see, in the pipeline's first stage unless
 * one is named. A substitute creating on an absent user's customer is audited on their behalf.
 */
export async function createDeal(db: Db, viewer: Viewer, input: NewDeal): Promise<DealDto> {
  return db.transaction().execute(async (trx) => {
    const fields = await checkDealFields(trx, viewer, { ownerId: viewer.userId, expectedCloseDate: null, ...input }, true);
    const pipeline = await findPipeline(trx, input.pipelineId);
    if (!pipeline) throw invalidField('body.pipelineId', 'names no pipeline');
    const stages = await stagesOf(trx, pipeline.id);
    const stage = input.stage ?? stages[0]!.key;
    if (!stages.some((s) => s.key === stage)) throw invalidField('body.stage', `is not a stage of pipeline '${pipeline.name}' (${stages.map((s) => s.key).join(', ')})`);
    const acting = (await actingFor(trx, viewer, fields.customerId))!;
    const actor = { userId: viewer.userId, onBehalfOf: acting.onBehalfOf };
    const now = new Date();
    const row = await insertDeal(trx, {
      customer_id: fields.customerId,
      owner_id: fields.ownerId,
      title: fields.title,
      amount: fields.amount,
      currency: fields.currency,
      expected_close_date: fields.expectedCloseDate,
      pipeline_id: pipeline.id,
      stage_key: stage,
      created_at: now,
      updated_at: now,
    }).catch(stageRemoved);
    await recordDealChange(trx, actor, 'create', row, { stage: null, status: null });
    const after = toDealDto(row);
    await recordAudit(trx, actor, { entityType: 'deal', entityId: row.id, action: 'create', after });
    return after;
  });
}

/** A PATCH of the deal's fields (not its stage or status) under optimistic concurrency. */
export async function updateDeal(db: Db, viewer: Viewer, id: string, changes: DealChanges, expected: number): Promise<DealDto> {
  const { version: _version, ...fieldChanges } = changes;
  return writeDeal(db, viewer, id, expected, async (trx, current, actor) => {
    await refuseAmountOverLines(trx, current, fieldChanges);
    const fields = await checkDealFields(trx, viewer, { ...fieldsOf(current), ...fieldChanges }, fieldChanges.customerId !== undefined && fieldChanges.customerId !== current.customer_id);
    const row = await updateDealRow(trx, id, {
      customer_id: fields.customerId,
      owner_id: fields.ownerId,
      title: fields.title,
      amount: fields.amount,
      currency: fields.currency,
      expected_close_date: fields.expectedCloseDate,
      version: current.version + 1,
      updated_at: new Date(),
    });
    const tracked = row.amount !== current.amount || row.currency !== current.currency || row.owner_id !== current.owner_id;
    if (tracked) await recordDealChange(trx, actor, 'update', row, { stage: current.stage_key, status: current.status });
    return { row, action: 'update' };
  });
}

/** Moves an open deal to another stage of its pipeline; a closed deal cannot move (409). */
export async function moveDeal(db: Db, viewer: Viewer, id: string, stage: string, expected: number): Promise<DealDto> {
  return writeDeal(db, viewer, id, expected, async (trx, current, actor) => {
    if (current.status !== 'open') throw conflict(`The deal is ${current.status}: reopen it before moving it`);
    await checkStage(trx, current.pipeline_id, stage);
    if (stage === current.stage_key) throw conflict(`The deal stands in '${stage}' already`);
    const row = await updateDealRow(trx, id, { stage_key: stage, version: current.version + 1, updated_at: new Date() });
    await recordDealChange(trx, actor, 'stage', row, { stage: current.stage_key, status: current.status });
    return { row, action: 'stage' };
  });
}

/** Closes an open deal as won or lost, with the reason (mandatory; the schema says so). */
export async function closeDeal(db: Db, viewer: Viewer, id: string, outcome: 'won' | 'lost', reason: string, expected: number): Promise<DealDto> {
  if (!reason.trim()) throw invalidField('body.reason', 'must say why the deal was won or lost');
  return writeDeal(db, viewer, id, expected, async (trx, current, actor) => {
    if (current.status !== 'open') throw conflict(`The deal is already ${current.status}`);
    const row = await updateDealRow(trx, id, { status: outcome, close_reason: reason.trim(), closed_at: new Date(), version: current.version + 1, updated_at: new Date() });
    await recordDealChange(trx, actor, 'close', row, { stage: current.stage_key, status: current.status }, row.close_reason);
    return { row, action: 'close' };
  });
}

/** Reopens a won or lost deal (managers: the route checks the role), optionally into another stage. */
export async function reopenDeal(db: Db, viewer: Viewer, id: string, stage: string | undefined, expected: number): Promise<DealDto> {
  return writeDeal(db, viewer, id, expected, async (trx, current, actor) => {
    if (current.status === 'open') throw conflict('The deal is open already');
    if (stage !== undefined) await checkStage(trx, current.pipeline_id, stage);
    const row = await updateDealRow(trx, id, {
      status: 'open',
      close_reason: null,
      closed_at: null,
      stage_key: stage ?? current.stage_key,
      version: current.version + 1,
      updated_at: new Date(),
    });
    await recordDealChange(trx, actor, 'reopen', row, { stage: current.stage_key, status: current.status });
    return { row, action: 'reopen' };
  });
}

export async function getDeal(db: Db, viewer: Viewer, id: string): Promise<DealDto> {
  const row = await findVisibleDeal(db, viewer, id);
  if (!row) throw notFound('Deal', id);
  return toDealDto(row);
}

export async function getDealHistory(db: Db, viewer: Viewer, id: string) {
  await getDeal(db, viewer, id);
  return (await dealHistory(db, id)).map(toHistoryDto);
}

/**
 * The frame of every deal write: one transaction, the deal locked and visible to the caller
 * (else 404), the version the caller read still current (else 409), the acting user found,
 * and the change audited with before and after.
 */
async function writeDeal(
  db: Db,
  viewer: Viewer,
  id: string,
  expected: number,
  change: (trx: Db, current: DealRow, actor: Actor) => Promise<{ row: DealRow; action: string }>,
): Promise<DealDto> {
  return db.transaction().execute(async (trx) => {
    const current = await findVisibleDeal(trx, viewer, id, { forUpdate: true });
    if (!current) throw notFound('Deal', id);
    if (current.version !== expected) {
      throw new AppError('SRV_ERR_CONFLICT', `Expected version ${expected}, but the deal is at version ${current.version}: reload and retry`, { currentVersion: current.version });
    }
    const acting = (await actingForDeal(trx, viewer, id))!;
    const actor = { userId: viewer.userId, onBehalfOf: acting.onBehalfOf };
    const { row, action } = await change(trx, current, actor).catch(stageRemoved);
    const after = toDealDto(row);
    await recordAudit(trx, actor, { entityType: 'deal', entityId: id, action, before: toDealDto(current), after });
    return after;
  });
}

/** The rules the schema cannot say, each a 400 naming the field. */
async function checkDealFields(db: Db, viewer: Viewer, fields: DealFields, customerChanged: boolean): Promise<DealFields> {
  if (customerChanged && !(await findVisibleCustomer(db, viewer, fields.customerId))) throw invalidField('body.customerId', 'names no customer you can see');
  if (!(await db.selectFrom('users').select('id').where('id', '=', fields.ownerId).executeTakeFirst())) throw invalidField('body.ownerId', 'names no user');
  if (!CURRENCIES.has(fields.currency)) throw invalidField('body.currency', `'${fields.currency}' is not an ISO 4217 currency code`);
  return fields;
}

async function checkStage(db: Db, pipelineId: string, stage: string): Promise<void> {
  const stages = await stagesOf(db, pipelineId);
  if (!stages.some((s) => s.key === stage)) throw invalidField('body.stage', `is not a stage of this deal's pipeline (${stages.map((s) => s.key).join(', ')})`);
}

/** The stage was deleted between our check and the write: the composite foreign key refused it. */
function stageRemoved(error: unknown): never {
  const constraint = (error as { constraint?: string }).constraint;
  if (isForeignKeyViolation(error) && (constraint === undefined || constraint === 'deals_stage_fkey')) throw conflict('The stage was removed from the pipeline meanwhile: reload and retry');
  throw error;
}

function fieldsOf(row: DealRow): DealFields {
  return { customerId: row.customer_id, ownerId: row.owner_id, title: row.title, amount: row.amount, currency: row.currency, expectedCloseDate: row.expected_close_date };
}
