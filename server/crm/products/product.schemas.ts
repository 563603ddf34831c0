import { CUSTOMER_STATUSES, type CustomerStatus } from '../customers/customer.table.js';
import { MONEY_PATTERN } from './money.js';

const uuid = { type: 'string', format: 'uuid' } as const;
const version = { type: 'integer', minimum: 1, description: 'The version you read (or send If-Match: "<version>")' } as const;
export const money = { type: 'string', pattern: MONEY_PATTERN, description: 'Decimal string, up to 12 digits and 2 decimals, e.g. "1250.00" (replies always carry 2 decimals)' } as const;
export const currency = { type: 'string', pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. "EUR"' } as const;
/** Attribute names are query keys too (`attr.<name>=`): kept to a safe identifier shape. */
export const ATTRIBUTE_NAME = '^[A-Za-z][A-Za-z0-9_]{0,49}$';

const writable = {
  sku: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$', description: 'Stock keeping unit, unique whatever its case' },
  name: { type: 'string', minLength: 1, maxLength: 200 },
  description: { type: ['string', 'null'], maxLength: 5000 },
  categoryId: { type: ['string', 'null'], format: 'uuid', description: "The category: its (inherited) schema validates attributes; none: flat scalars" },
  attributes: { type: 'object', maxProperties: 100, propertyNames: { pattern: ATTRIBUTE_NAME }, additionalProperties: true },
  unit: { type: 'string', minLength: 1, maxLength: 20, description: 'Unit of measure, e.g. "pcs", "kg", "h", "licence"' },
  active: { type: 'boolean', description: 'Inactive products stay on existing deals but cannot be added to new lines' },
  basePrice: money,
  currency,
} as const;

const productProperties = {
  id: uuid,
  ...writable,
  version: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const;

export const productSchema = { $id: 'Product', type: 'object', required: Object.keys(productProperties), properties: productProperties } as const;

export const createProductBody = {
  type: 'object',
  required: ['sku', 'name', 'unit', 'basePrice', 'currency'],
  additionalProperties: false,
  properties: writable,
} as const;

export const updateProductBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: { ...writable, version } } as const;

export const PRODUCT_SORTS = ['name', '-name', 'sku', '-sku', 'basePrice', '-basePrice', 'createdAt', '-createdAt'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** At most this many `attr.<name>` filters in one query. */
export const MAX_ATTRIBUTE_FILTERS = 10;

export const listProductsQuery = {
  type: 'object',
  additionalProperties: false,
  description: 'Add `attr.<name>=<value>` to keep products whose attribute equals the value (or, for a list attribute, contains it)',
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'Prefix of the name or of the SKU (case-insensitive)' },
    categoryId: { ...uuid, description: 'This category and its subcategories' },
    active: { type: 'boolean' },
    currency,
    sort: { type: 'string', enum: [...PRODUCT_SORTS], default: 'name' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page (same sort)' },
  },
  patternProperties: { [`^attr\\.${ATTRIBUTE_NAME.slice(1)}`]: { type: 'string', maxLength: 200 } },
} as const;

export const listProductsReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: 'Product#' } }, nextCursor: { type: ['string', 'null'] } },
} as const;

export const compareProductsQuery = {
  type: 'object',
  required: ['ids'],
  additionalProperties: false,
  properties: {
    ids: { type: 'string', maxLength: 200, description: '2 to 5 product ids, comma-separated' },
    customerStatus: { type: 'string', enum: [...CUSTOMER_STATUSES], description: 'Also show the price for customers of this status' },
    customerId: { ...uuid, description: 'Also show the price for this customer (its status)' },
  },
} as const;

export const sheetQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { customerStatus: compareProductsQuery.properties.customerStatus, customerId: compareProductsQuery.properties.customerId },
} as const;

const resolvedPrice = {
  type: 'object',
  required: ['price', 'currency', 'source', 'priceList'],
  properties: {
    price: { type: 'string' },
    currency: { type: 'string' },
    source: { type: 'string', enum: ['base', 'item', 'discount'], description: 'base price, a list item’s price, or a discount on the base price' },
    priceList: { type: ['object', 'null'], required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } } },
  },
} as const;

export const compareProductsReply = {
  type: 'object',
  required: ['products', 'attributes', 'customerStatus'],
  properties: {
    customerStatus: { type: ['string', 'null'] },
    products: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'sku', 'name', 'categoryId', 'unit', 'active', 'basePrice', 'currency', 'price'],
        properties: {
          id: uuid,
          sku: { type: 'string' },
          name: { type: 'string' },
          categoryId: { type: ['string', 'null'] },
          unit: { type: 'string' },
          active: { type: 'boolean' },
          basePrice: { type: 'string' },
          currency: { type: 'string' },
          price: { ...resolvedPrice, description: 'The price for the customer status asked (base price when none was asked)' },
        },
      },
    },
    attributes: {
      type: 'array',
      description: 'One row per attribute, in schema order; values in the order of `products` (null: not set)',
      items: {
        type: 'object',
        required: ['name', 'title', 'values', 'differing'],
        properties: { name: { type: 'string' }, title: { type: 'string' }, values: { type: 'array', items: {} }, differing: { type: 'boolean' } },
      },
    },
  },
} as const;

export { resolvedPrice };

export interface ProductFields {
  sku: string;
  name: string;
  description: string | null;
  categoryId: string | null;
  attributes: Record<string, unknown>;
  unit: string;
  active: boolean;
  basePrice: string;
  currency: string;
}

export type NewProduct = Pick<ProductFields, 'sku' | 'name' | 'unit' | 'basePrice' | 'currency'> & Partial<ProductFields>;
export type ProductChanges = Partial<ProductFields> & { version?: number };

export interface ListProductsQuery {
  q?: string;
  categoryId?: string;
  active?: boolean;
  currency?: string;
  sort: ProductSort;
  limit: number;
  after?: string;
  [attribute: `attr.${string}`]: string | undefined;
}

export interface CompareProductsQuery {
  ids: string;
  customerStatus?: CustomerStatus;
  customerId?: string;
}
