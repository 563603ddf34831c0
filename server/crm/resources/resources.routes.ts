import type { FastifyInstance } from 'fastify';
import type { Role } from '../../db/tables/index.js';
import { principalOf } from '../../plugins/access.plugin.js';
import { expectedVersion, ifMatchHeaders } from '../if-match.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import {
  createResourceBody,
  listResourcesQuery,
  listResourcesReply,
  resourceSchema,
  updateResourceBody,
  type ListResourcesQuery,
  type NewResource,
  type ResourceChanges,
} from './resource.schemas.js';
import { listResources, toResourceDto } from './resources.repository.js';
import { createResource, deleteResource, getResource, updateResource } from './resources.service.js';

const admins = { access: { roles: ['admin'] as Role[] } };
const anyone = { access: 'authenticated' as const };
const resourceReply = { $ref: 'Resource#' } as const;

/** Rooms, cars, laptops: everyone may read them (to book them), admins shape them. */
export async function resourcesRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(resourceSchema);
  const actor = (request: Parameters<typeof principalOf>[0]) => ({ userId: principalOf(request).userId, onBehalfOf: null });

  app.get<{ Querystring: ListResourcesQuery }>('/api/resources', {
    config: anyone,
    schema: { tags: ['resources'], summary: 'List bookable resources by name', querystring: listResourcesQuery, response: { 200: listResourcesReply, ...errorReplies } },
    handler: async (request) => {
      const { rows, nextCursor } = await listResources(app.db, request.query);
      return { items: rows.map(toResourceDto), nextCursor };
    },
  });

  app.post<{ Body: NewResource }>('/api/resources', {
    config: admins,
    schema: { tags: ['resources'], summary: 'Create a resource (admins)', body: createResourceBody, response: { 201: resourceReply, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => {
      const created = await createResource(app.db, actor(request), request.body);
      return reply.code(201).header('etag', `"${created.version}"`).send(created);
    },
  });

  app.get<{ Params: { id: string } }>('/api/resources/:id', {
    config: anyone,
    schema: { tags: ['resources'], summary: 'Get a resource', params: idParams, response: { 200: resourceReply, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      const resource = await getResource(app.db, request.params.id);
      return reply.header('etag', `"${resource.version}"`).send(resource);
    },
  });

  app.patch<{ Params: { id: string }; Body: ResourceChanges; Headers: { 'if-match'?: string } }>('/api/resources/:id', {
    config: admins,
    schema: {
      tags: ['resources'],
      summary: 'Change a resource (admins; optimistic concurrency)',
      params: idParams,
      headers: ifMatchHeaders,
      body: updateResourceBody,
      response: { 200: resourceReply, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      const updated = await updateResource(app.db, actor(request), request.params.id, request.body, expected);
      return reply.header('etag', `"${updated.version}"`).send(updated);
    },
  });

  app.delete<{ Params: { id: string } }>('/api/resources/:id', {
    config: admins,
    schema: { tags: ['resources'], summary: 'Delete a never-booked resource (admins)', params: idParams, response: { 204: { type: 'null' }, ...notFoundReply, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => {
      await deleteResource(app.db, actor(request), request.params.id);
      return reply.code(204).send();
    },
  });
}
