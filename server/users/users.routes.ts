import type { FastifyInstance } from 'fastify';
import { principalOf } from '../plugins/access.plugin.js';
import type { Role } from '../db/tables/index.js';
import { listUsers, toUserDto } from './users.repository.js';
import { createUserBody, listUsersQuery, listUsersReply, updateUserBody } from './user.schemas.js';
import { createUser, getUser, updateUser, type NewUser, type UserChanges } from './users.service.js';

const admin = { access: { roles: ['admin'] as Role[] } };
const errors = { 400: { $ref: 'ErrorReply#' }, 401: { $ref: 'ErrorReply#' }, 403: { $ref: 'ErrorReply#' } };
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

/** User administration (admins only). */
export async function usersRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { q?: string; limit: number; after?: string } }>('/api/users', {
    config: admin,
    schema: { tags: ['users'], summary: 'List users', querystring: listUsersQuery, response: { 200: listUsersReply, ...errors } },
    handler: async (request) => {
      const { rows, nextCursor } = await listUsers(app.db, request.query);
      return { items: rows.map(toUserDto), nextCursor };
    },
  });

  app.post<{ Body: NewUser }>('/api/users', {
    config: admin,
    schema: { tags: ['users'], summary: 'Create a user', body: createUserBody, response: { 201: { $ref: 'User#' }, 409: { $ref: 'ErrorReply#' }, ...errors } },
    handler: async (request, reply) => reply.code(201).send(await createUser(app.db, request.body)),
  });

  app.get<{ Params: { id: string } }>('/api/users/:id', {
    config: admin,
    schema: { tags: ['users'], summary: 'Get a user', params: idParams, response: { 200: { $ref: 'User#' }, 404: { $ref: 'ErrorReply#' }, ...errors } },
    handler: async (request) => getUser(app.db, request.params.id),
  });

  app.patch<{ Params: { id: string }; Body: UserChanges }>('/api/users/:id', {
    config: admin,
    schema: {
      tags: ['users'],
      summary: 'Change a user (name, roles, active, password)',
      params: idParams,
      body: updateUserBody,
      response: { 200: { $ref: 'User#' }, 404: { $ref: 'ErrorReply#' }, 409: { $ref: 'ErrorReply#' }, ...errors },
    },
    handler: async (request) => updateUser(app.db, principalOf(request).userId, request.params.id, request.body),
  });
}
