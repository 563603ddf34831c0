import { RESOURCE_KINDS, type ResourceKind } from './resource.table.js';

const version = { type: 'integer', minimum: 1, description: 'The version you read (or send If-Match: "<version>")' } as const;

const writable = {
  kind: { type: 'string', enum: [...RESOURCE_KINDS] },
  name: { type: 'string', minLength: 1, maxLength: 120 },
  location: { type: ['string', 'null'], maxLength: 200 },
  capacity: { type: ['integer', 'null'], minimum: 1, maximum: 10000, description: 'Seats of a room or a car' },
  active: { type: 'boolean', description: 'Inactive resources keep their calendar but take no new bookings' },
} as const;

const resourceProperties = {
  id: { type: 'string', format: 'uuid' },
  ...writable,
  version: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const;

export const resourceSchema = { $id: 'Resource', type: 'object', required: Object.keys(resourceProperties), properties: resourceProperties } as const;

export const createResourceBody = { type: 'object', required: ['kind', 'name'], additionalProperties: false, properties: writable } as const;

export const updateResourceBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: { ...writable, version } } as const;

export const listResourcesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kind: { type: 'array', items: { type: 'string', enum: [...RESOURCE_KINDS] }, maxItems: 4 },
    active: { type: 'boolean' },
    q: { type: 'string', minLength: 1, maxLength: 120, description: 'Start of the name (case-insensitive)' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page' },
  },
} as const;

export const listResourcesReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: 'Resource#' } }, nextCursor: { type: ['string', 'null'] } },
} as const;

export interface ResourceFields {
  kind: ResourceKind;
  name: string;
  location: string | null;
  capacity: number | null;
  active: boolean;
}

export type NewResource = Pick<ResourceFields, 'kind' | 'name'> & Partial<ResourceFields>;
export type ResourceChanges = Partial<ResourceFields> & { version?: number };

export interface ListResourcesQuery {
  kind?: ResourceKind[];
  active?: boolean;
  q?: string;
  limit: number;
  after?: string;
}
