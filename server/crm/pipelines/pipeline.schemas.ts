const uuid = { type: 'string', format: 'uuid' } as const;

export const STAGE_KEY_PATTERN = '^[a-z][a-z0-9_]{0,49}$';

const stage = {
  type: 'object',
  required: ['key', 'name', 'probability', 'expectedDays'],
  additionalProperties: false,
  properties: {
    key: { type: 'string', pattern: STAGE_KEY_PATTERN, description: 'Stable id of the stage (not `won` / `lost`: those are deal statuses); cannot be renamed' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    probability: { type: 'integer', minimum: 0, maximum: 100, description: 'Win probability in percent' },
    expectedDays: { type: 'integer', minimum: 0, maximum: 3650, description: 'Expected time in the stage, in days' },
  },
} as const;

const stages = { type: 'array', minItems: 1, maxItems: 50, items: stage, description: 'The open stages in funnel order' } as const;
const name = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const pipelineSchema = {
  $id: 'Pipeline',
  type: 'object',
  required: ['id', 'name', 'stages', 'version', 'createdAt', 'updatedAt'],
  properties: {
    id: uuid,
    name,
    stages: { type: 'array', items: stage },
    version: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const createPipelineBody = { type: 'object', required: ['name', 'stages'], additionalProperties: false, properties: { name, stages } } as const;

export const updatePipelineBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name,
    stages: {
      ...stages,
      description:
        'The full new stage list, in order: stages are matched by key — new keys are added, missing ones deleted (409 while deals stand in them), the rest renamed / reordered / re-weighted',
    },
    version: { type: 'integer', minimum: 1, description: 'Or send If-Match: "<version>"' },
  },
} as const;

const money = { type: 'string', description: 'Decimal with two places, e.g. "1250.00"' } as const;

export const pipelineSummaryReply = {
  type: 'object',
  required: ['pipelineId', 'stages'],
  properties: {
    pipelineId: uuid,
    stages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'name', 'probability', 'openDeals', 'totals'],
        properties: {
          key: { type: 'string' },
          name: { type: 'string' },
          probability: { type: 'integer' },
          openDeals: { type: 'integer', description: 'Open deals in the stage that you can see' },
          totals: {
            type: 'array',
            description: 'Per currency (amounts of different currencies are never added up)',
            items: {
              type: 'object',
              required: ['currency', 'openDeals', 'amount', 'weightedAmount'],
              properties: { currency: { type: 'string' }, openDeals: { type: 'integer' }, amount: money, weightedAmount: { ...money, description: 'Σ amount × probability / 100, rounded to cents' } },
            },
          },
        },
      },
    },
  },
} as const;

export interface StageInput {
  key: string;
  name: string;
  probability: number;
  expectedDays: number;
}

export interface PipelineInput {
  name: string;
  stages: StageInput[];
}

export type PipelineChanges = Partial<PipelineInput> & { version?: number };
