import type { FastifyInstance } from 'fastify';
import { principalOf } from '../../plugins/access.plugin.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import { createSubstitutionBody, listSubstitutionsQuery, substitutionSchema, type SubstitutionInput } from './substitution.schemas.js';
import { createSubstitution, deleteSubstitution, listSubstitutions } from './substitutions.service.js';

const anyone = { access: 'authenticated' as const };

/** Substitutes: who acts for whom, when. Who may arrange one is checked in the service. */
export async function substitutionsRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(substitutionSchema);

  app.get<{ Querystring: { userId?: string; activeAt?: string } }>('/api/substitutions', {
    config: anyone,
    schema: {
      tags: ['org'],
      summary: 'List substitutions (yours; admins: all)',
      querystring: listSubstitutionsQuery,
      response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: 'Substitution#' } } } }, ...errorReplies },
    },
    handler: async (request) => ({ items: await listSubstitutions(app.db, principalOf(request), request.query) }),
  });

  app.post<{ Body: SubstitutionInput }>('/api/substitutions', {
    config: anyone,
    schema: {
      tags: ['org'],
      summary: 'Name a substitute for a date range [from, to)',
      body: createSubstitutionBody,
      response: { 201: { $ref: 'Substitution#' }, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request, reply) => reply.code(201).send(await createSubstitution(app.db, principalOf(request), request.body)),
  });

  app.delete<{ Params: { id: string } }>('/api/substitutions/:id', {
    config: anyone,
    schema: { tags: ['org'], summary: 'Withdraw a substitution', params: idParams, response: { 204: { type: 'null' }, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      await deleteSubstitution(app.db, principalOf(request), request.params.id);
      return reply.code(204).send();
    },
  });
}
