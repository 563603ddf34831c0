import { ROLES } from '../db/tables/index.js';

export const roleSchema = { type: 'string', enum: [...ROLES] } as const;

export const userSchema = {
  $id: 'User',
  type: 'object',
  required: ['id', 'email', 'name', 'roles', 'active', 'createdAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    email: { type: 'string' },
    name: { type: 'string' },
    roles: { type: 'array', items: roleSchema },
    active: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

const email = { type: 'string', format: 'email', maxLength: 254 } as const;
const name = { type: 'string', minLength: 1, maxLength: 200 } as const;
export const passwordSchema = { type: 'string', minLength: 8, maxLength: 200 } as const;
const roles = { type: 'array', items: roleSchema, uniqueItems: true, maxItems: ROLES.length } as const;

export const createUserBody = {
  type: 'object',
  required: ['email', 'name', 'password', 'roles'],
  additionalProperties: false,
  properties: { email, name, password: passwordSchema, roles },
} as const;

export const updateUserBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name, roles, active: { type: 'boolean' }, password: passwordSchema },
} as const;

export const listUsersQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: { type: 'string', maxLength: 200, description: 'Matches e-mail or name (case-insensitive)' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    after: { type: 'string', description: 'The nextCursor of the previous page' },
  },
} as const;

export const listUsersReply = {
  type: 'object',
  required: ['items'],
  properties: {
    items: { type: 'array', items: { $ref: 'User#' } },
    nextCursor: { type: ['string', 'null'] },
  },
} as const;

export interface UserDto {
  id: string;
  email: string;
  name: string;
  roles: string[];
  active: boolean;
  createdAt: string;
}
