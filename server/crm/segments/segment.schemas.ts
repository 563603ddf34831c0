import { CUSTOMER_SORTS, type CustomerSort } from '../customers/customer.schemas.js';
import { SEGMENT_KINDS, type SegmentKind } from './segment.tables.js';
import type { SegmentFilter } from './segment-filter.types.js';

const uuid = { type: 'string', format: 'uuid' } as const;
const version = { type: 'integer', minimum: 1, description: 'The version you read (or send If-Match: "<version>")' } as const;
const FILTER_DOC =
  'A tree of {"all": [...]} / {"any": [...]} groups over conditions {"field", "op", "value"}. Fields: status, kind, categories, ownerId, unitId, typeId, ' +
  'region, source, name, createdAt, or custom.<name>. Ops: eq, ne, in, contains, gt, gte, lt, lte (numbers, dates), exists. ' +
  'Example: {"all":[{"field":"status","op":"eq","value":"regular"},{"field":"custom.turnover","op":"gte","value":1000000}]}';
/** Checked by segment-filter.check.ts (ajv + field rules), which names the bad path. */
const filter = { type: 'object', additionalProperties: true, description: FILTER_DOC } as const;

const segmentProperties = {
  id: uuid,
  name: { type: 'string' },
  description: { type: ['string', 'null'] },
  kind: { type: 'string', enum: [...SEGMENT_KINDS], description: 'static: members you add and remove; dynamic: whoever matches the filter now' },
  filter: { type: ['object', 'null'], additionalProperties: true, description: 'dynamic: the definition; static: the filter its snapshot was taken with, if any' },
  ownerId: uuid,
  version: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const;

export const segmentSchema = { type: 'object', required: Object.keys(segmentProperties), properties: segmentProperties } as const;

export const createSegmentBody = {
  type: 'object',
  required: ['name', 'kind'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: ['string', 'null'], maxLength: 2000 },
    kind: { type: 'string', enum: [...SEGMENT_KINDS] },
    filter: { ...filter, description: `Required for dynamic segments; for a static one, takes a snapshot of the matching customers you can see. ${FILTER_DOC}` },
  },
} as const;

export const updateSegmentBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: ['string', 'null'], maxLength: 2000 },
    filter: { ...filter, description: `Dynamic segments only. ${FILTER_DOC}` },
    version,
  },
} as const;

export const listSegmentsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'Prefix of the name (case-insensitive)' },
    kind: { type: 'string', enum: [...SEGMENT_KINDS] },
    ownerId: uuid,
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page' },
  },
} as const;

export const listSegmentsReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: segmentSchema }, nextCursor: { type: ['string', 'null'] } },
} as const;

const pageProperties = {
  sort: { type: 'string', enum: [...CUSTOMER_SORTS], default: 'name' },
  limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page (same sort)' },
} as const;

export const membersQuery = { type: 'object', additionalProperties: false, properties: pageProperties } as const;

export const previewBody = { type: 'object', required: ['filter'], additionalProperties: false, properties: { filter, ...pageProperties } } as const;

export const addMembersBody = {
  type: 'object',
  required: ['customerIds'],
  additionalProperties: false,
  properties: { customerIds: { type: 'array', minItems: 1, maxItems: 500, uniqueItems: true, items: uuid } },
} as const;

export const memberParams = { type: 'object', required: ['id', 'customerId'], properties: { id: { ...uuid, description: 'The segment' }, customerId: uuid } } as const;

export interface NewSegment {
  name: string;
  description?: string | null;
  kind: SegmentKind;
  filter?: unknown;
}

export interface SegmentChanges {
  name?: string;
  description?: string | null;
  filter?: unknown;
  version?: number;
}

export interface ListSegmentsQuery {
  q?: string;
  kind?: SegmentKind;
  ownerId?: string;
  limit: number;
  after?: string;
}

export interface CustomerPage {
  sort: CustomerSort;
  limit: number;
  after?: string;
}

export interface SegmentDto {
  id: string;
  name: string;
  description: string | null;
  kind: SegmentKind;
  filter: SegmentFilter | null;
  ownerId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}
