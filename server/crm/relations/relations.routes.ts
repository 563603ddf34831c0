import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import { addRelationBody, listRelationsQuery, listRelationsReply, relationParams, relationSchema, type NewRelation } from './relation.schemas.js';
import type { RelationType } from './relation.table.js';
import { addRelation, listRelations, removeRelation } from './relations.service.js';

const anyone = { access: 'authenticated' as const };

/** Person ↔ person relations (spouse, parent/child, …), under the customers' scope on both ends. */
export async function relationsRoutes(app: FastifyInstance): Promise<void> {
  const viewer = (request: FastifyRequest) => viewerOf(app.db, principalOf(request));

  app.get<{ Params: { id: string }; Querystring: { type?: RelationType[] } }>('/api/customers/:id/relations', {
    config: anyone,
    schema: {
      tags: ['customers'],
      summary: 'A person’s relations to other people, as seen from this person',
      params: idParams,
      querystring: listRelationsQuery,
      response: { 200: listRelationsReply, ...notFoundReply, ...errorReplies },
    },
    handler: async (request) => ({ items: await listRelations(app.db, await viewer(request), request.params.id, request.query.type) }),
  });

  app.post<{ Params: { id: string }; Body: NewRelation }>('/api/customers/:id/relations', {
    config: anyone,
    schema: {
      tags: ['customers'],
      summary: 'Relate another person to this one ("relatedId is this person’s <type>")',
      params: idParams,
      body: addRelationBody,
      response: { 201: relationSchema, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request, reply) => reply.code(201).send(await addRelation(app.db, await viewer(request), request.params.id, request.body)),
  });

  app.delete<{ Params: { id: string; relationId: string } }>('/api/customers/:id/relations/:relationId', {
    config: anyone,
    schema: { tags: ['customers'], summary: 'Remove a relation', params: relationParams, response: { 204: { type: 'null' }, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      await removeRelation(app.db, await viewer(request), request.params.id, request.params.relationId);
      return reply.code(204).send();
    },
  });
}
