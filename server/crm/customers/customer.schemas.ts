import { CUSTOMER_KINDS, CUSTOMER_STATUSES, type Address, type ContactPoint, type CustomerKind, type CustomerStatus } from './customer.table.js';

const uuid = { type: 'string', format: 'uuid' } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;
const text = (maxLength: number) => ({ type: ['string', 'null'], minLength: 1, maxLength }) as const;

const contactPoint = (value: object) =>
  ({ type: 'object', required: ['value'], additionalProperties: false, properties: { value, primary: { type: 'boolean', default: false } } }) as const;
const emails = { type: 'array', maxItems: 20, items: contactPoint({ type: 'string', format: 'email', maxLength: 254 }) } as const;
const phones = { type: 'array', maxItems: 20, items: contactPoint({ type: 'string', pattern: '^\\+?[0-9 ()./-]{3,30}$' }) } as const;
const addresses = {
  type: 'array',
  maxItems: 20,
  items: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: Object.fromEntries(['label', 'street', 'city', 'postalCode', 'country'].map((k) => [k, { type: 'string', minLength: 1, maxLength: 200 }])),
  },
} as const;
const categories = { type: 'array', maxItems: 50, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 50 } } as const;
/**
 * Custom fields: a flat object of scalars until customer types bring a JSON Schema each.
 * The scalar check on values lives in customer-fields.ts: with the server's type coercion a
 * schema `anyOf` would turn `false` into `"false"`, and a union `type` needs allowUnionTypes.
 */
const customFields = {
  type: 'object',
  maxProperties: 100,
  propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,49}$' },
  description: 'Values: string (up to 2000 characters), number, boolean or null',
  additionalProperties: true,
} as const;

const writable = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  emails,
  phones,
  addresses,
  status: { type: 'string', enum: [...CUSTOMER_STATUSES] },
  categories,
  ownerId: nullableUuid,
  unitId: nullableUuid,
  region: text(50),
  source: text(100),
  taxId: text(50),
  typeId: { ...nullableUuid, description: 'A customer type: its schema then validates customFields' },
  customFields,
} as const;

const customerProperties = {
  id: uuid,
  kind: { type: 'string', enum: [...CUSTOMER_KINDS] },
  ...writable,
  version: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const;
const customerRequired = ['id', 'kind', 'name', 'emails', 'phones', 'addresses', 'status', 'categories', 'ownerId', 'unitId', 'region', 'source', 'taxId', 'typeId', 'customFields', 'version', 'createdAt', 'updatedAt'];

export const customerSchema = { $id: 'Customer', type: 'object', required: customerRequired, properties: customerProperties } as const;

export const createCustomerBody = {
  type: 'object',
  required: ['kind', 'name'],
  additionalProperties: false,
  properties: { kind: { type: 'string', enum: [...CUSTOMER_KINDS] }, ...writable },
} as const;

export const updateCustomerBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { ...writable, version: { type: 'integer', minimum: 1, description: 'Or send If-Match: "<version>"' } },
} as const;

export const createCustomerReply = {
  type: 'object',
  required: [...customerRequired, 'possibleDuplicates'],
  properties: {
    ...customerProperties,
    possibleDuplicates: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'matchedOn'],
        properties: {
          id: uuid,
          name: { type: ['string', 'null'], description: 'null when the duplicate lies outside your scope' },
          matchedOn: { type: 'array', items: { type: 'string', enum: ['email', 'phone', 'taxId'] } },
        },
      },
    },
  },
} as const;

export const CUSTOMER_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export const listCustomersQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'Prefix of the name, of an e-mail, or of a phone number (digits)' },
    status: { type: 'array', items: { type: 'string', enum: [...CUSTOMER_STATUSES] }, maxItems: 5 },
    kind: { type: 'string', enum: [...CUSTOMER_KINDS] },
    ownerId: uuid,
    unitId: uuid,
    typeId: uuid,
    category: { type: 'array', items: { type: 'string', maxLength: 50 }, maxItems: 10, description: 'All of these categories' },
    folderId: { ...uuid, description: 'Only customers in this folder of yours (/api/customer-folders)' },
    sort: { type: 'string', enum: [...CUSTOMER_SORTS], default: 'name' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page (same sort)' },
  },
} as const;

export const listCustomersReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: 'Customer#' } }, nextCursor: { type: ['string', 'null'] } },
} as const;

export interface CustomerFields {
  name: string;
  emails: ContactPoint[];
  phones: ContactPoint[];
  addresses: Address[];
  status: CustomerStatus;
  categories: string[];
  ownerId: string | null;
  unitId: string | null;
  region: string | null;
  source: string | null;
  taxId: string | null;
  typeId: string | null;
  customFields: Record<string, unknown>;
}

export type NewCustomer = { kind: CustomerKind; name: string } & Partial<CustomerFields>;
export type CustomerChanges = Partial<CustomerFields> & { version?: number };

export interface ListCustomersQuery {
  q?: string;
  status?: CustomerStatus[];
  kind?: CustomerKind;
  ownerId?: string;
  unitId?: string;
  typeId?: string;
  category?: string[];
  folderId?: string;
  sort: CustomerSort;
  limit: number;
  after?: string;
}
