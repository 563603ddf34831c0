import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/tables/index.js';

/** Customer types with custom fields, and the demo sales pipeline: created once, found again by key/name. */
export interface ReferenceData {
  readonly types: { readonly individual: string; readonly institutional: string; readonly employer: string };
  readonly pipelineId: string;
  readonly stages: readonly DemoStage[];
}

export interface DemoStage {
  readonly key: string;
  readonly probability: number;
  readonly expectedDays: number;
}

export const PIPELINE_NAME = 'Demo sales';

const STAGES: ReadonlyArray<DemoStage & { name: string }> = [
  { key: 'lead', name: 'Lead', probability: 10, expectedDays: 7 },
  { key: 'qualified', name: 'Qualified', probability: 25, expectedDays: 14 },
  { key: 'proposal', name: 'Proposal', probability: 50, expectedDays: 14 },
  { key: 'negotiation', name: 'Negotiation', probability: 75, expectedDays: 10 },
  { key: 'contract', name: 'Contract', probability: 90, expectedDays: 7 },
];

const TYPES = [
  {
    key: 'individual',
    name: 'Individual',
    kind: 'person' as const,
    fields_schema: {
      type: 'object',
      additionalProperties: false,
      properties: { birthYear: { type: 'integer', minimum: 1900, maximum: 2100 }, preferredChannel: { type: 'string', enum: ['phone', 'email', 'visit'] } },
    },
  },
  {
    key: 'institutional',
    name: 'Institutional',
    kind: 'company' as const,
    fields_schema: {
      type: 'object',
      additionalProperties: false,
      properties: { employees: { type: 'integer', minimum: 1 }, industry: { type: 'string', maxLength: 100 } },
    },
  },
  {
    key: 'employer',
    name: 'Employer',
    kind: 'company' as const,
    fields_schema: {
      type: 'object',
      additionalProperties: false,
      properties: { employees: { type: 'integer', minimum: 1 }, benefitsPlan: { type: 'boolean' } },
    },
  },
];

export async function ensureReferenceData(db: Kysely<Database>): Promise<ReferenceData> {
  return db.transaction().execute(async (trx) => {
    const ids: Record<string, string> = {};
    for (const type of TYPES) {
      const existing = await trx.selectFrom('customer_types').select(['id', 'kind']).where('key', '=', type.key).executeTakeFirst();
      if (existing && existing.kind !== type.kind) throw new Error(`Expected customer type '${type.key}' to be for ${type.kind} customers, but it is for ${existing.kind} ones`);
      ids[type.key] =
        existing?.id ?? (await trx.insertInto('customer_types').values({ ...type, fields_schema: JSON.stringify(type.fields_schema) }).returning('id').executeTakeFirstOrThrow()).id;
    }
    let pipeline = await trx.selectFrom('pipelines').select('id').where('name', '=', PIPELINE_NAME).orderBy('created_at').executeTakeFirst();
    if (!pipeline) {
      const now = new Date();
      pipeline = await trx.insertInto('pipelines').values({ name: PIPELINE_NAME, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
      await trx
        .insertInto('pipeline_stages')
        .values(STAGES.map((s, position) => ({ pipeline_id: pipeline!.id, key: s.key, name: s.name, position, probability: s.probability, expected_days: s.expectedDays })))
        .execute();
    }
    const stages = await trx.selectFrom('pipeline_stages').select(['key', 'probability', 'expected_days']).where('pipeline_id', '=', pipeline.id).orderBy('position').execute();
    return {
      types: { individual: ids.individual!, institutional: ids.institutional!, employer: ids.employer! },
      pipelineId: pipeline.id,
      stages: stages.map((s) => ({ key: s.key, probability: s.probability, expectedDays: s.expected_days })),
    };
  });
}
