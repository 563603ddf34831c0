import { customerSchema } from '../customers/customer.schemas.js';
import { CUSTOMER_360_SECTIONS } from './sections/index.js';

const { $id: _id, ...customerShape } = customerSchema;

const timelinePage = {
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 30 },
  before: { type: 'string', maxLength: 500, description: 'The timeline’s nextCursor: older entries' },
} as const;

export const customer360Query = {
  type: 'object',
  additionalProperties: false,
  properties: { timelineLimit: timelinePage.limit, before: timelinePage.before },
} as const;

export const timelineQuery = { type: 'object', additionalProperties: false, properties: timelinePage } as const;

/** The card's reply: the customer and one key per registered section (sections/index.ts). */
export const customer360Reply = {
  type: 'object',
  required: ['customer', ...CUSTOMER_360_SECTIONS.map((s) => s.key)],
  properties: { customer: customerShape, ...Object.fromEntries(CUSTOMER_360_SECTIONS.map((s) => [s.key, s.schema])) },
};
