import type { ColumnType, Generated, Selectable } from 'kysely';

export interface PipelineTable {
  id: Generated<string>;
  name: string;
  version: ColumnType<number, never, number>;
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
}

/** One open stage of a pipeline; `key` is immutable, `position` orders the stages (0, 1, …). */
export interface PipelineStageTable {
  pipeline_id: string;
  key: string;
  name: string;
  position: number;
  probability: number;
  expected_days: number;
}

export type PipelineRow = Selectable<PipelineTable>;
export type PipelineStageRow = Selectable<PipelineStageTable>;
