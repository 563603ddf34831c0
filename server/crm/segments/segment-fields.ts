import { CUSTOMER_KINDS, CUSTOMER_STATUSES } from '../customers/customer.table.js';
import type { FilterOp } from './segment-filter.types.js';

/**
 * The customer columns a segment filter may name, each with its SQL column (a fixed
 * identifier: user input never becomes SQL text) and value type. The type decides which
 * operators apply (`OPS_BY_TYPE`) and how values are checked and compiled.
 */
export type FieldType = 'enum' | 'text' | 'uuid' | 'tags' | 'timestamp' | 'custom';

export interface FieldSpec {
  readonly column: string;
  readonly type: FieldType;
  readonly values?: readonly string[];
}

export const COLUMN_FIELDS: Readonly<Record<string, FieldSpec>> = {
  status: { column: 'customers.status', type: 'enum', values: CUSTOMER_STATUSES },
  kind: { column: 'customers.kind', type: 'enum', values: CUSTOMER_KINDS },
  categories: { column: 'customers.categories', type: 'tags' },
  ownerId: { column: 'customers.owner_id', type: 'uuid' },
  unitId: { column: 'customers.unit_id', type: 'uuid' },
  typeId: { column: 'customers.type_id', type: 'uuid' },
  region: { column: 'customers.region', type: 'text' },
  source: { column: 'customers.source', type: 'text' },
  name: { column: 'customers.name', type: 'text' },
  createdAt: { column: 'customers.created_at', type: 'timestamp' },
};

export const OPS_BY_TYPE: Readonly<Record<FieldType, readonly FilterOp[]>> = {
  enum: ['eq', 'ne', 'in'],
  text: ['eq', 'ne', 'in', 'contains', 'exists'],
  uuid: ['eq', 'ne', 'in', 'exists'],
  tags: ['contains', 'in', 'exists'],
  timestamp: ['gt', 'gte', 'lt', 'lte'],
  custom: ['eq', 'ne', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists'],
};

export const CUSTOM_PREFIX = 'custom.';
export const CUSTOM_NAME = '[A-Za-z][A-Za-z0-9_]{0,49}';

/** The spec of a field name, or undefined when the language has no such field. */
export function fieldSpec(field: string): FieldSpec | undefined {
  if (field.startsWith(CUSTOM_PREFIX)) {
    const name = field.slice(CUSTOM_PREFIX.length);
    return new RegExp(`^${CUSTOM_NAME}$`).test(name) ? { column: name, type: 'custom' } : undefined;
  }
  return Object.hasOwn(COLUMN_FIELDS, field) ? COLUMN_FIELDS[field] : undefined;
}
