import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { StageInput } from './pipeline.schemas.js';
import type { PipelineRow, PipelineStageRow } from './pipeline.tables.js';

type Db = Kysely<Database>;

export async function findPipeline(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('pipelines').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** A pipeline's stages in funnel order. */
export async function stagesOf(db: Db, pipelineId: string): Promise<PipelineStageRow[]> {
  return db.selectFrom('pipeline_stages').selectAll().where('pipeline_id', '=', pipelineId).orderBy('position').execute();
}

export async function listPipelines(db: Db): Promise<PipelineDto[]> {
  const pipelines = await db.selectFrom('pipelines').selectAll().orderBy('name').orderBy('id').execute();
  const stages = await db.selectFrom('pipeline_stages').selectAll().orderBy('pipeline_id').orderBy('position').execute();
  return pipelines.map((p) => toPipelineDto(p, stages.filter((s) => s.pipeline_id === p.id)));
}

/** Replaces a pipeline's stage set: matched by key (updated in place), new keys inserted, missing keys deleted. */
export async function writeStages(db: Db, pipelineId: string, stages: StageInput[], removedKeys: string[]): Promise<void> {
  if (removedKeys.length) await db.deleteFrom('pipeline_stages').where('pipeline_id', '=', pipelineId).where('key', 'in', removedKeys).execute();
  await db
    .insertInto('pipeline_stages')
    .values(stages.map((s, position) => ({ pipeline_id: pipelineId, key: s.key, name: s.name, position, probability: s.probability, expected_days: s.expectedDays })))
    .onConflict((oc) =>
      oc.columns(['pipeline_id', 'key']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        position: eb.ref('excluded.position'),
        probability: eb.ref('excluded.probability'),
        expected_days: eb.ref('excluded.expected_days'),
      })),
    )
    .execute();
}

/** How many deals (open or closed) stand in each of `keys`. */
export async function dealsInStages(db: Db, pipelineId: string, keys: string[]): Promise<Map<string, number>> {
  if (!keys.length) return new Map();
  const rows = await db
    .selectFrom('deals')
    .select(['stage_key', (eb) => eb.fn.countAll<string>().as('n')])
    .where('pipeline_id', '=', pipelineId)
    .where('stage_key', 'in', keys)
    .groupBy('stage_key')
    .execute();
  return new Map(rows.map((r) => [r.stage_key, Number(r.n)]));
}

export function toStageDto(row: PipelineStageRow): StageInput {
  return { key: row.key, name: row.name, probability: row.probability, expectedDays: row.expected_days };
}

export function toPipelineDto(row: PipelineRow, stages: PipelineStageRow[]) {
  return {
    id: row.id,
    name: row.name,
    stages: stages.map(toStageDto),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export type PipelineDto = ReturnType<typeof toPipelineDto>;
