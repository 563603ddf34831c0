import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { AppError, conflict, notFound } from '../../errors.js';
import type { Viewer } from '../access/viewer.js';
import type { Actor } from '../audit/audit-log.repository.js';
import { recordAudit } from '../audit/audit-log.repository.js';
import { invalidField, isForeignKeyViolation } from '../shared.js';
import { customerRule } from '../access/customer-scope.js';
import type { PipelineChanges, PipelineInput, StageInput } from './pipeline.schemas.js';
import { dealsInStages, findPipeline, stagesOf, toPipelineDto, writeStages, type PipelineDto } from './pipelines.repository.js';

export async function createPipeline(db: Kysely<Database>, actor: Actor, input: PipelineInput): Promise<PipelineDto> {
  checkStages(input.stages);
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const row = await trx.insertInto('pipelines').values({ name: input.name, created_at: now, updated_at: now }).returningAll().executeTakeFirstOrThrow();
    await writeStages(trx, row.id, input.stages, []);
    const after = toPipelineDto(row, await stagesOf(trx, row.id));
    await recordAudit(trx, actor, { entityType: 'pipeline', entityId: row.id, action: 'create', after });
    return after;
  });
}

/**
 * Renames a pipeline and/or replaces its stage list under optimistic concurrency. Stages
 * are matched by key; deleting one that deals (open or closed) stand in is a 409 naming it.
 */
export async function updatePipeline(db: Kysely<Database>, actor: Actor, id: string, changes: PipelineChanges, ifMatch: number | undefined): Promise<PipelineDto> {
  const expected = ifMatch ?? changes.version;
  if (expected === undefined) throw invalidField('body.version', 'is required (or an If-Match header with the version you read)');
  if (changes.stages) checkStages(changes.stages);
  return db.transaction().execute(async (trx) => {
    const current = await findPipeline(trx, id, { forUpdate: true });
    if (!current) throw notFound('Pipeline', id);
    if (current.version !== expected) {
      throw new AppError('SRV_ERR_CONFLICT', `Expected version ${expected}, but the pipeline is at version ${current.version}: reload and retry`, { currentVersion: current.version });
    }
    const before = toPipelineDto(current, await stagesOf(trx, id));
    if (changes.stages) {
      const keep = new Set(changes.stages.map((s) => s.key));
      const removed = before.stages.map((s) => s.key).filter((k) => !keep.has(k));
      const inUse = [...(await dealsInStages(trx, id, removed))];
      if (inUse.length) {
        const [key, count] = inUse[0]!;
        throw new AppError('SRV_ERR_CONFLICT', `Stage '${key}' cannot be deleted: ${count} deal(s) stand in it; move them first`, { stage: key, deals: count });
      }
      await writeStages(trx, id, changes.stages, removed).catch((error: unknown) => {
        // A deal entered a removed stage after the count above: the foreign key refuses the delete.
        if (isForeignKeyViolation(error)) throw conflict('A deal entered one of the removed stages meanwhile: reload and retry');
        throw error;
      });
    }
    const row = await trx
      .updateTable('pipelines')
      .set({ name: changes.name ?? current.name, version: current.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toPipelineDto(row, await stagesOf(trx, id));
    await recordAudit(trx, actor, { entityType: 'pipeline', entityId: id, action: 'update', before, after });
    return after;
  });
}

export async function getPipeline(db: Kysely<Database>, id: string): Promise<PipelineDto> {
  const row = await findPipeline(db, id);
  if (!row) throw notFound('Pipeline', id);
  return toPipelineDto(row, await stagesOf(db, id));
}

/**
 * Per stage, the open deals the viewer can see: their count, and per currency the sum of
 * amounts and the probability-weighted sum (Σ amount × probability / 100, rounded to cents).
 */
const TOTALS_CUSTOMER = { owner: 't.customer_owner_id', unit: 't.customer_unit_id', region: 't.customer_region' } as const;

/**
 * Per stage, the open deals the viewer may see: read from deal_stage_totals (kept by
 * triggers), whose rows carry what the deal rule looks at — the deal's owner and its
 * customer's owner, unit and region — so the rule applies to a few thousand totals rather
 * than to every open deal.
 */
export async function pipelineSummary(db: Kysely<Database>, viewer: Viewer, id: string) {
  const pipeline = await getPipeline(db, id);
  const actors = viewer.isAdmin ? null : viewer.actorIds;
  const rows = await db
    .selectFrom('deal_stage_totals as t')
    .innerJoin('pipeline_stages as s', (join) => join.onRef('s.pipeline_id', '=', 't.pipeline_id').onRef('s.key', '=', 't.stage_key'))
    .select([
      't.stage_key',
      't.currency',
      sql<string>`sum(t.open_deals)::text`.as('n'),
      sql<string>`sum(t.amount)::text`.as('amount'),
      sql<string>`round(sum(t.amount) * min(s.probability) / 100, 2)::text`.as('weighted'),
    ])
    .where('t.pipeline_id', '=', id)
    .where((eb) => (actors === null ? eb.lit(true) : actors.length === 0 ? eb.lit(false) : eb.or([eb('t.deal_owner_id', 'in', [...actors]), customerRule(eb, actors, TOTALS_CUSTOMER)])))
    .groupBy(['t.stage_key', 't.currency'])
    .having(sql<boolean>`sum(t.open_deals) > 0`)
    .orderBy('t.currency')
    .execute();
  return {
    pipelineId: id,
    stages: pipeline.stages.map((stage) => {
      const totals = rows
        .filter((r) => r.stage_key === stage.key)
        .map((r) => ({ currency: r.currency, openDeals: Number(r.n), amount: r.amount, weightedAmount: r.weighted }));
      return { key: stage.key, name: stage.name, probability: stage.probability, openDeals: totals.reduce((n, t) => n + t.openDeals, 0), totals };
    }),
  };
}

/** Keys are unique in the list and are not the closing outcomes. */
function checkStages(stages: StageInput[]): void {
  const seen = new Set<string>();
  stages.forEach((stage, i) => {
    if (stage.key === 'won' || stage.key === 'lost') throw invalidField(`body.stages.${i}.key`, `must not be '${stage.key}': won and lost are deal outcomes, not stages`);
    if (seen.has(stage.key)) throw invalidField(`body.stages.${i}.key`, `repeats the key '${stage.key}'`);
    seen.add(stage.key);
  });
}
