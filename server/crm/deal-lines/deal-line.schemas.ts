import { MONEY_PATTERN, PERCENT_PATTERN, QUANTITY_PATTERN } from '../products/money.js';

const uuid = { type: 'string', format: 'uuid' } as const;

const lineInput = {
  type: 'object',
  required: ['productId', 'quantity'],
  additionalProperties: false,
  properties: {
    productId: { ...uuid, description: 'An active product (or one already on the deal)' },
    quantity: { type: 'string', pattern: QUANTITY_PATTERN, description: 'Above zero, up to 3 decimals, e.g. "2" or "1.5"' },
    unitPrice: { type: 'string', pattern: MONEY_PATTERN, description: 'Default: the product’s price for the deal’s customer (price lists by status) in the deal’s currency' },
    discountPercent: { type: 'string', pattern: PERCENT_PATTERN, default: '0', description: 'A discount on this line, 0–100' },
    description: { type: ['string', 'null'], maxLength: 500 },
  },
} as const;

export const replaceLinesBody = {
  type: 'object',
  required: ['lines'],
  additionalProperties: false,
  properties: {
    lines: { type: 'array', maxItems: 200, items: lineInput, description: 'All the deal’s lines, in order; [] removes them (the amount then stays as it was)' },
    version: { type: 'integer', minimum: 1, description: 'The deal version you read (or send If-Match: "<version>")' },
  },
} as const;

const lineProperties = {
  id: uuid,
  position: { type: 'integer', description: '1-based, in the order sent' },
  productId: uuid,
  sku: { type: 'string' },
  name: { type: 'string' },
  unit: { type: 'string' },
  description: { type: ['string', 'null'] },
  quantity: { type: 'string' },
  unitPrice: { type: 'string' },
  discountPercent: { type: 'string' },
  lineTotal: { type: 'string', description: 'quantity × unitPrice − discount, rounded to the cent' },
  priceListId: { type: ['string', 'null'], format: 'uuid', description: 'The price list the default unit price came from' },
} as const;

export const dealLinesReply = {
  type: 'object',
  required: ['dealId', 'version', 'currency', 'amount', 'lines'],
  properties: {
    dealId: uuid,
    version: { type: 'integer', description: 'The deal’s version (also the ETag)' },
    currency: { type: 'string' },
    amount: { type: 'string', description: 'The deal’s amount: the sum of the lines when there are any' },
    lines: { type: 'array', items: { type: 'object', required: Object.keys(lineProperties), properties: lineProperties } },
  },
} as const;

export interface LineInput {
  productId: string;
  quantity: string;
  unitPrice?: string;
  discountPercent: string;
  description?: string | null;
}
