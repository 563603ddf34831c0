import { CUSTOM_KEY_PATTERN, LIMITS, PHONE_PATTERN } from './lead-fields.js';
import { LEAD_SOURCES, LEAD_STATUSES, type LeadSource, type LeadStatus } from './lead.tables.js';

const uuid = { type: 'string', format: 'uuid' } as const;
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;
const text = (maxLength: number) => ({ type: ['string', 'null'], maxLength }) as const;
const version = { type: 'integer', minimum: 1, description: 'The version you read (or send If-Match: "<version>")' } as const;

/** What a user may write; at least a name (person or company) and a contact (e-mail or phone). */
const writable = {
  personName: text(LIMITS.name),
  companyName: text(LIMITS.name),
  email: { type: ['string', 'null'], maxLength: LIMITS.email, description: 'Checked like format "email"' },
  phone: { type: ['string', 'null'], maxLength: 30, description: `Pattern ${PHONE_PATTERN}` },
  purpose: { ...text(LIMITS.purpose), description: 'What they asked about' },
  notes: text(LIMITS.notes),
  productsOfInterest: { type: 'array', maxItems: LIMITS.products, items: { type: 'string', minLength: 1, maxLength: LIMITS.product } },
  source: { type: 'string', enum: [...LEAD_SOURCES], description: 'The channel the lead came through' },
  sourceDetail: { ...text(LIMITS.sourceDetail), description: 'Which fair, list, campaign, …' },
  ownerId: { ...uuid, description: 'A user; defaults to you' },
  unitId: { ...nullableUuid, description: 'The org unit sharing the lead; defaults to the owner’s unit' },
  customData: {
    type: 'object',
    maxProperties: LIMITS.customKeys,
    propertyNames: { pattern: CUSTOM_KEY_PATTERN },
    additionalProperties: true,
    description: 'Flat values: string (up to 2000 characters), number, boolean or null — carried into the customer’s custom fields on conversion',
  },
} as const;

const leadProperties = {
  id: uuid,
  status: { type: 'string', enum: [...LEAD_STATUSES] },
  disqualifyReason: { type: ['string', 'null'] },
  ...writable,
  importId: nullableUuid,
  importRow: { type: ['integer', 'null'], description: 'The row of the import file (header = 1)' },
  convertedCustomerId: nullableUuid,
  convertedDealId: nullableUuid,
  convertedAt: { type: ['string', 'null'], format: 'date-time' },
  createdBy: uuid,
  version: { type: 'integer' },
  createdAt: { type: 'string', format: 'date-time' },
  updatedAt: { type: 'string', format: 'date-time' },
} as const;

export const leadSchema = { $id: 'Lead', type: 'object', required: Object.keys(leadProperties), properties: leadProperties } as const;

export const createLeadBody = { type: 'object', required: ['source'], additionalProperties: false, properties: writable } as const;

export const updateLeadBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  description: 'The status changes through /contact, /qualify, /disqualify, /reopen and /convert',
  properties: { ...writable, version },
} as const;

export const LEAD_SORTS = ['createdAt', '-createdAt', 'name', '-name'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

export const listLeadsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'Prefix of the person or company name, of the e-mail, or of the phone number (digits)' },
    status: { type: 'array', items: { type: 'string', enum: [...LEAD_STATUSES] }, maxItems: 5 },
    source: { type: 'array', items: { type: 'string', enum: [...LEAD_SOURCES] }, maxItems: 10 },
    ownerId: uuid,
    unitId: uuid,
    importId: uuid,
    sort: { type: 'string', enum: [...LEAD_SORTS], default: '-createdAt', description: 'name = the person name, else the company name' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page (same sort)' },
  },
} as const;

export const listLeadsReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: 'Lead#' } }, nextCursor: { type: ['string', 'null'] } },
} as const;

export const statsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { type: 'string', format: 'date-time', description: 'Leads created at or after' },
    to: { type: 'string', format: 'date-time', description: 'Leads created before' },
  },
} as const;

export const statsReply = {
  type: 'object',
  required: ['total', 'bySource'],
  properties: {
    total: { type: 'integer' },
    bySource: {
      type: 'array',
      items: {
        type: 'object',
        required: ['source', 'total', 'byStatus'],
        properties: {
          source: { type: 'string', enum: [...LEAD_SOURCES] },
          total: { type: 'integer' },
          byStatus: { type: 'object', required: [...LEAD_STATUSES], properties: Object.fromEntries(LEAD_STATUSES.map((s) => [s, { type: 'integer' }])) },
        },
      },
    },
  },
} as const;

export const transitionBody = { type: 'object', additionalProperties: false, properties: { version } } as const;

export const disqualifyBody = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: { type: 'string', minLength: 1, maxLength: 1000, description: 'Mandatory: why the lead is not worth pursuing' }, version },
} as const;

export const convertBody = {
  type: 'object',
  required: ['customer'],
  additionalProperties: false,
  properties: {
    version,
    customer: {
      type: 'object',
      additionalProperties: false,
      description: 'Link to an existing customer (customerId), or create one from the lead (kind; company when the lead names a company)',
      properties: {
        customerId: { ...uuid, description: 'A customer you can see' },
        kind: { type: 'string', enum: ['company', 'person'] },
        ignoreDuplicates: { type: 'boolean', default: false, description: 'Create even when customers with the same e-mail or phone exist' },
      },
    },
    deal: {
      type: 'object',
      required: ['pipelineId', 'amount', 'currency'],
      additionalProperties: false,
      properties: {
        pipelineId: uuid,
        title: { type: 'string', minLength: 1, maxLength: 200, description: 'Defaults to the company or person name and the products of interest' },
        amount: { type: 'string', pattern: '^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$' },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        stage: { type: 'string', description: 'Defaults to the pipeline’s first stage' },
        expectedCloseDate: { type: ['string', 'null'], format: 'date' },
      },
    },
  },
} as const;

export const convertReply = {
  type: 'object',
  required: ['lead', 'customerId', 'contactId', 'dealId'],
  properties: {
    lead: { $ref: 'Lead#' },
    customerId: uuid,
    contactId: { ...nullableUuid, description: 'The person created as the company’s contact (company leads naming a person)' },
    dealId: nullableUuid,
  },
} as const;

export interface LeadInput {
  personName?: string | null;
  companyName?: string | null;
  email?: string | null;
  phone?: string | null;
  purpose?: string | null;
  notes?: string | null;
  productsOfInterest?: string[];
  source?: LeadSource;
  sourceDetail?: string | null;
  ownerId?: string;
  unitId?: string | null;
  customData?: Record<string, string | number | boolean | null>;
}

export type NewLead = LeadInput & { source: LeadSource };
export type LeadChanges = LeadInput & { version?: number };

export interface ListLeadsQuery {
  q?: string;
  status?: LeadStatus[];
  source?: LeadSource[];
  ownerId?: string;
  unitId?: string;
  importId?: string;
  sort: LeadSort;
  limit: number;
  after?: string;
}

export interface ConvertInput {
  version?: number;
  customer: { customerId?: string; kind?: 'company' | 'person'; ignoreDuplicates?: boolean };
  deal?: { pipelineId: string; title?: string; amount: string; currency: string; stage?: string; expectedCloseDate?: string | null };
}
