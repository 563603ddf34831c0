import { DEAL_CHANGES, DEAL_STATUSES, type DealStatus } from './deal.tables.js';
import { STAGE_KEY_PATTERN } from '../pipelines/pipeline.schemas.js';

const uuid = { type: 'string', format: 'uuid' } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;
/**
 * Money travels as a decimal string with up to two places ("1250", "1250.5", "1250.50" in;
 * always "1250.50" out): `numeric(14,2)` does not fit a double, so it never becomes one.
 */
const amount = { type: 'string', pattern: '^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$', description: 'Decimal string, up to 12 digits and 2 decimals, e.g. "1250.00" (replies always carry 2 decimals)' } as const;
const currency = { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. "EUR"' } as const;
const stageKey = { type: 'string', pattern: STAGE_KEY_PATTERN } as const;
const version = { type: 'integer', minimum: 1, description: 'The version you read (or send If-Match: "<version>")' } as const;

const writable = {
  customerId: { ...uuid, description: 'A customer you can see' },
  ownerId: { ...uuid, description: 'A user; defaults to you' },
  title: { type: 'string', minLength: 1, maxLength: 200 },
  amount,
  currency,
  expectedCloseDate: { type: ['string', 'null'], format: 'date' },
} as const;

const dealProperties = {
  id: uuid,
  ...writable,
  pipelineId: uuid,
  stage: { type: 'string', description: 'Key of the stage the deal stands in (a closed deal keeps the stage it was closed in)' },
  status: { type: 'string', enum: [...DEAL_STATUSES] },
  reason: { type: ['string', 'null'], description: 'Why it was won or lost (null while open)' },
  closedAt: { type: ['string', 'null'], format: 'date-time' },
  processInstanceId: { type: ['string', 'null'], description: 'The process instance driving the deal (set by the engine)' },
  version: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const;

export const dealSchema = { $id: 'Deal', type: 'object', required: Object.keys(dealProperties), properties: dealProperties } as const;

export const createDealBody = {
  type: 'object',
  required: ['customerId', 'title', 'amount', 'currency', 'pipelineId'],
  additionalProperties: false,
  properties: { ...writable, pipelineId: uuid, stage: { ...stageKey, description: 'Defaults to the pipeline’s first stage' } },
} as const;

export const updateDealBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'Stage and status change through /stage, /close and /reopen',
  properties: { ...writable, version },
} as const;

export const moveDealBody = { type: 'object', required: ['stage'], additionalProperties: false, properties: { stage: stageKey, version } } as const;

export const closeDealBody = {
  type: 'object',
  required: ['outcome', 'reason'],
  additionalProperties: false,
  properties: { outcome: { type: 'string', enum: ['won', 'lost'] }, reason: { type: 'string', minLength: 1, maxLength: 1000, description: 'Mandatory: why it was won or lost' }, version },
} as const;

export const reopenDealBody = {
  type: 'object',
  additionalProperties: false,
  properties: { stage: { ...stageKey, description: 'Move to this stage while reopening (default: where it was closed)' }, version },
} as const;

export const DEAL_SORTS = ['createdAt', '-createdAt', 'amount', '-amount', 'title', '-title', 'expectedCloseDate', '-expectedCloseDate'] as const;
export type DealSort = (typeof DEAL_SORTS)[number];

export const listDealsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    pipelineId: uuid,
    stage: { type: 'array', items: stageKey, maxItems: 50 },
    status: { type: 'array', items: { type: 'string', enum: [...DEAL_STATUSES] }, maxItems: 3 },
    ownerId: uuid,
    customerId: uuid,
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'Part of the title (case-insensitive)' },
    sort: { type: 'string', enum: [...DEAL_SORTS], default: '-createdAt', description: 'Deals without an expected close date sort last (ascending)' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page (same sort)' },
  },
} as const;

export const listDealsReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: 'Deal#' } }, nextCursor: { type: ['string', 'null'] } },
} as const;

const historyEntry = {
  type: 'object',
  required: ['id', 'change', 'fromStage', 'toStage', 'fromStatus', 'status', 'amount', 'currency', 'ownerId', 'reason', 'byUserId', 'onBehalfOfId', 'at'],
  properties: {
    id: { type: 'string' },
    change: { type: 'string', enum: [...DEAL_CHANGES] },
    fromStage: { type: ['string', 'null'] },
    toStage: { type: 'string' },
    fromStatus: { type: ['string', 'null'] },
    status: { type: 'string', enum: [...DEAL_STATUSES] },
    amount: { type: 'string', description: 'The amount after the change' },
    currency: { type: 'string' },
    ownerId: { ...uuid, description: 'The owner after the change' },
    reason: { type: ['string', 'null'] },
    byUserId: uuid,
    onBehalfOfId: { ...nullableUuid, description: 'The absent user a substitute acted for' },
    at: { type: 'string', format: 'date-time' },
  },
} as const;

export const dealHistoryReply = { type: 'object', required: ['items'], properties: { items: { type: 'array', items: historyEntry } } } as const;

export interface DealFields {
  customerId: string;
  ownerId: string;
  title: string;
  amount: string;
  currency: string;
  expectedCloseDate: string | null;
}

export type NewDeal = Omit<DealFields, 'ownerId' | 'expectedCloseDate'> & { ownerId?: string; expectedCloseDate?: string | null; pipelineId: string; stage?: string };
export type DealChanges = Partial<DealFields> & { version?: number };

export interface ListDealsQuery {
  pipelineId?: string;
  stage?: string[];
  status?: DealStatus[];
  ownerId?: string;
  customerId?: string;
  q?: string;
  sort: DealSort;
  limit: number;
  after?: string;
}
