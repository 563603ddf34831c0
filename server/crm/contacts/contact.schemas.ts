const uuid = { type: 'string', format: 'uuid' } as const;

export const contactSchema = {
  $id: 'CustomerContact',
  type: 'object',
  required: ['companyId', 'companyName', 'personId', 'personName', 'function'],
  properties: {
    companyId: uuid,
    companyName: { type: 'string' },
    personId: uuid,
    personName: { type: 'string' },
    function: { type: ['string', 'null'] },
  },
} as const;

export const contactParams = {
  type: 'object',
  required: ['id', 'personId'],
  properties: { id: { ...uuid, description: 'The company' }, personId: { ...uuid, description: 'The person' } },
} as const;

export const linkContactBody = {
  type: 'object',
  additionalProperties: false,
  properties: { function: { type: ['string', 'null'], minLength: 1, maxLength: 100 } },
} as const;

export const listContactsReply = {
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items: { $ref: 'CustomerContact#' } } },
} as const;

export interface ContactDto {
  companyId: string;
  companyName: string;
  personId: string;
  personName: string;
  function: string | null;
}
