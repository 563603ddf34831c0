const uuid = { type: 'string', format: 'uuid' } as const;
const name = { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S' } as const;

export const folderSchema = {
  type: 'object',
  required: ['id', 'name', 'memberCount', 'createdAt', 'updatedAt'],
  properties: {
    id: uuid,
    name: { type: 'string' },
    memberCount: { type: 'integer', description: 'Customers in the folder that you can see' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const folderBody = { type: 'object', required: ['name'], additionalProperties: false, properties: { name } } as const;

export const listFoldersQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', minLength: 1, maxLength: 100, description: 'Prefix of the name (case-insensitive)' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page' },
  },
} as const;

export const listFoldersReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: folderSchema }, nextCursor: { type: ['string', 'null'] } },
} as const;

export const folderMemberParams = {
  type: 'object',
  required: ['id', 'customerId'],
  properties: { id: { ...uuid, description: 'The folder' }, customerId: uuid },
} as const;

export interface ListFoldersQuery {
  q?: string;
  limit: number;
  after?: string;
}

export interface FolderDto {
  id: string;
  name: string;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}
