import { CUSTOMER_KINDS } from '../customers/customer.table.js';

export const customerTypeSchema = {
  $id: 'CustomerType',
  type: 'object',
  required: ['id', 'key', 'name', 'kind', 'fieldsSchema'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    key: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string', enum: [...CUSTOMER_KINDS] },
    fieldsSchema: { type: 'object', additionalProperties: true },
  },
} as const;

export const createCustomerTypeBody = {
  type: 'object',
  required: ['key', 'name', 'kind', 'fieldsSchema'],
  additionalProperties: false,
  properties: {
    key: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,49}$' },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { type: 'string', enum: [...CUSTOMER_KINDS] },
    fieldsSchema: { type: 'object', additionalProperties: true, description: "A JSON Schema (draft 7) with type 'object' for the custom fields" },
  },
} as const;

export interface CustomerTypeInput {
  key: string;
  name: string;
  kind: (typeof CUSTOMER_KINDS)[number];
  fieldsSchema: Record<string, unknown>;
}
