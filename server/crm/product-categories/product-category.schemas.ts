const uuid = { type: 'string', format: 'uuid' } as const;
const version = { type: 'integer', minimum: 1, description: 'The version you read (or send If-Match: "<version>")' } as const;
const fieldsSchema = {
  type: 'object',
  additionalProperties: true,
  description:
    "The category's own fields: a JSON Schema with type 'object' (top-level keywords: properties, required, additionalProperties, title, description). " +
    'Subcategories inherit them and may add fields, never redefine one.',
} as const;

const categoryProperties = {
  id: uuid,
  key: { type: 'string' },
  name: { type: 'string' },
  parentId: { type: ['string', 'null'], format: 'uuid' },
  path: { type: 'string', description: '/<root id>/…/<own id>/' },
  fieldsSchema,
  version: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const;

export const productCategorySchema = {
  $id: 'ProductCategory',
  type: 'object',
  required: Object.keys(categoryProperties),
  properties: {
    ...categoryProperties,
    effectiveSchema: { type: 'object', additionalProperties: true, description: 'Own fields merged with every ancestor’s: what a product of this category is validated against' },
  },
} as const;

export const createCategoryBody = {
  type: 'object',
  required: ['key', 'name'],
  additionalProperties: false,
  properties: {
    key: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,49}$' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    parentId: { ...uuid, description: 'The parent category (none: a root)' },
    fieldsSchema,
  },
} as const;

export const updateCategoryBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'Changing fields or the parent re-validates every product of the subtree: a product the new schema refuses makes it a 409',
  properties: { name: createCategoryBody.properties.name, parentId: { type: ['string', 'null'], format: 'uuid' }, fieldsSchema, version },
} as const;

export const listCategoriesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    under: { ...uuid, description: 'Only this category and its subcategories' },
    parentId: { ...uuid, description: 'Only the direct children of this category' },
    roots: { type: 'boolean', description: 'Only categories without a parent' },
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'Prefix of the name (case-insensitive)' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 200 },
    after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page' },
  },
} as const;

export const listCategoriesReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: 'ProductCategory#' } }, nextCursor: { type: ['string', 'null'] } },
} as const;

export interface CategoryInput {
  key: string;
  name: string;
  parentId?: string;
  fieldsSchema?: Record<string, unknown>;
}

export type CategoryChanges = { name?: string; parentId?: string | null; fieldsSchema?: Record<string, unknown>; version?: number };

export interface ListCategoriesQuery {
  under?: string;
  parentId?: string;
  roots?: boolean;
  q?: string;
  limit: number;
  after?: string;
}
