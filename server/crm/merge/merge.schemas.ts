import { customerSchema } from '../customers/customer.schemas.js';
import { IDENTIFIER_KINDS } from '../customers/customer.table.js';

const uuid = { type: 'string', format: 'uuid' } as const;
const { $id: _id, ...customerShape } = customerSchema;

export const mergeBody = {
  type: 'object',
  required: ['duplicateId'],
  additionalProperties: false,
  properties: {
    duplicateId: { ...uuid, description: 'The customer merged away (deleted; its id then answers SRV_ERR_MERGED)' },
    version: { type: 'integer', minimum: 1, description: 'The version of the surviving customer you read (or send If-Match)' },
  },
} as const;

export const mergeReply = {
  type: 'object',
  required: ['customer', 'mergedId', 'moved', 'notCarriedOver'],
  properties: {
    customer: customerShape,
    mergedId: uuid,
    moved: { type: 'object', additionalProperties: { type: 'integer' }, description: 'Rows moved to the survivor, by kind (contacts, relations, deals, segments, folders, …)' },
    notCarriedOver: { type: 'array', items: { type: 'string' }, description: 'What of the duplicate did not fit the survivor' },
  },
} as const;

export const duplicatesReply = {
  type: 'object',
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'kind', 'matchedOn', 'version'],
        properties: {
          id: uuid,
          name: { type: 'string' },
          kind: { type: 'string' },
          matchedOn: { type: 'array', items: { type: 'string', enum: [...IDENTIFIER_KINDS] } },
          version: { type: 'integer' },
        },
      },
    },
  },
} as const;
