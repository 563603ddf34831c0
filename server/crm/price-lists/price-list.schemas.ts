import { CUSTOMER_STATUSES, type CustomerStatus } from '../customers/customer.table.js';
import { PERCENT_PATTERN } from '../products/money.js';
import { currency, money, resolvedPrice } from '../products/product.schemas.js';

const uuid = { type: 'string', format: 'uuid' } as const;
const date = { type: ['string', 'null'], format: 'date' } as const;
const version = { type: 'integer', minimum: 1, description: 'The version you read (or send If-Match: "<version>")' } as const;
export const percent = { type: 'string', pattern: PERCENT_PATTERN, description: 'Percent, 0–100 with up to 2 decimals, e.g. "12.5"' } as const;
const statuses = {
  type: 'array',
  uniqueItems: true,
  maxItems: CUSTOMER_STATUSES.length,
  items: { type: 'string', enum: [...CUSTOMER_STATUSES] },
  description: 'The customer statuses the list is for; empty: every status (the least specific list)',
} as const;

const writable = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  currency,
  validFrom: { ...date, description: 'First day the list applies (inclusive); null: always did' },
  validTo: { ...date, description: 'Last day the list applies (inclusive); null: open-ended' },
  customerStatuses: statuses,
  discountPercent: { type: ['string', 'null'], pattern: PERCENT_PATTERN, description: 'A discount on the base price of every product in the list’s currency that has no item; null: none' },
} as const;

const priceListProperties = {
  id: uuid,
  ...writable,
  itemCount: { type: 'integer' },
  version: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const;

export const priceListSchema = { $id: 'PriceList', type: 'object', required: Object.keys(priceListProperties), properties: priceListProperties } as const;

/** An item sets either a fixed price (in the list's currency) or a discount on the base price (checked in code). */
export const itemBody = {
  type: 'object',
  additionalProperties: false,
  properties: { price: { ...money, description: 'A fixed price in the list’s currency' }, discountPercent: { ...percent, description: 'Or: a discount on the product’s base price' }, version },
} as const;

export const createPriceListBody = {
  type: 'object',
  required: ['name', 'currency'],
  additionalProperties: false,
  properties: {
    ...writable,
    items: {
      type: 'array',
      maxItems: 1000,
      items: { type: 'object', required: ['productId'], additionalProperties: false, properties: { productId: uuid, price: itemBody.properties.price, discountPercent: itemBody.properties.discountPercent } },
    },
  },
} as const;

export const updatePriceListBody = { type: 'object', additionalProperties: false, minProperties: 1, properties: { ...writable, version } } as const;

export const PRICE_LIST_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;
export type PriceListSort = (typeof PRICE_LIST_SORTS)[number];

export const listPriceListsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'Prefix of the name (case-insensitive)' },
    currency,
    customerStatus: { type: 'string', enum: [...CUSTOMER_STATUSES], description: 'Lists that apply to this status (those for every status included)' },
    validOn: { type: 'string', format: 'date', description: 'Lists valid on this day' },
    productId: { ...uuid, description: 'Lists with an item for this product' },
    sort: { type: 'string', enum: [...PRICE_LIST_SORTS], default: 'name' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page (same sort)' },
  },
} as const;

export const listPriceListsReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: 'PriceList#' } }, nextCursor: { type: ['string', 'null'] } },
} as const;

export const priceListItemSchema = {
  $id: 'PriceListItem',
  type: 'object',
  required: ['productId', 'sku', 'name', 'basePrice', 'productCurrency', 'price', 'discountPercent', 'effectivePrice'],
  properties: {
    productId: uuid,
    sku: { type: 'string' },
    name: { type: 'string' },
    basePrice: { type: 'string' },
    productCurrency: { type: 'string' },
    price: { type: ['string', 'null'] },
    discountPercent: { type: ['string', 'null'] },
    effectivePrice: { type: 'string', description: 'What the item makes the price, in the list’s currency' },
  },
} as const;

export const listItemsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 }, after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page' } },
} as const;

export const listItemsReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: 'PriceListItem#' } }, nextCursor: { type: ['string', 'null'] } },
} as const;

export const itemParams = { type: 'object', required: ['id', 'productId'], properties: { id: uuid, productId: uuid } } as const;

export const priceQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    customerId: { ...uuid, description: 'Price for this customer (a customer you can see): its status picks the lists' },
    customerStatus: { type: 'string', enum: [...CUSTOMER_STATUSES], description: 'Or: price for customers of this status' },
    currency: { ...currency, description: 'Default: the product’s currency' },
    on: { type: 'string', format: 'date', description: 'The day (default: today, UTC)' },
  },
} as const;

export const priceReply = {
  type: 'object',
  required: [...resolvedPrice.required, 'productId', 'basePrice', 'baseCurrency', 'customerStatus', 'on'],
  properties: {
    ...resolvedPrice.properties,
    productId: uuid,
    basePrice: { type: 'string' },
    baseCurrency: { type: 'string' },
    customerStatus: { type: ['string', 'null'] },
    on: { type: 'string', format: 'date' },
  },
} as const;

export interface PriceListFields {
  name: string;
  currency: string;
  validFrom: string | null;
  validTo: string | null;
  customerStatuses: CustomerStatus[];
  discountPercent: string | null;
}

export interface ItemInput {
  productId: string;
  price?: string;
  discountPercent?: string;
}

export type NewPriceList = Pick<PriceListFields, 'name' | 'currency'> & Partial<PriceListFields> & { items?: ItemInput[] };
export type PriceListChanges = Partial<PriceListFields> & { version?: number };

export interface ListPriceListsQuery {
  q?: string;
  currency?: string;
  customerStatus?: CustomerStatus;
  validOn?: string;
  productId?: string;
  sort: PriceListSort;
  limit: number;
  after?: string;
}

export interface PriceQuery {
  customerId?: string;
  customerStatus?: CustomerStatus;
  currency?: string;
  on?: string;
}
