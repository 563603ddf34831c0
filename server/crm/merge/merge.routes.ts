import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { expectedVersion, ifMatchHeaders } from '../if-match.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import { listDuplicates } from './duplicates.service.js';
import { duplicatesReply, mergeBody, mergeReply } from './merge.schemas.js';
import { mergeCustomers } from './merge.service.js';

const anyone = { access: 'authenticated' as const };

/** Possible duplicates of a customer, and merging one into another. */
export async function mergeRoutes(app: FastifyInstance): Promise<void> {
  const viewer = (request: FastifyRequest) => viewerOf(app.db, principalOf(request));

  app.get<{ Params: { id: string } }>('/api/customers/:id/duplicates', {
    config: anyone,
    schema: {
      tags: ['customers'],
      summary: 'Customers you can see that share an e-mail, phone or tax id with this one',
      params: idParams,
      response: { 200: duplicatesReply, ...notFoundReply, ...errorReplies },
    },
    handler: async (request) => ({ items: await listDuplicates(app.db, await viewer(request), request.params.id) }),
  });

  app.post<{ Params: { id: string }; Headers: { 'if-match'?: string }; Body: { duplicateId: string; version?: number } }>('/api/customers/:id/merge', {
    config: anyone,
    schema: {
      tags: ['customers'],
      summary: 'Merge a duplicate into this customer (If-Match: this customer’s version); you must be able to change both',
      params: idParams,
      headers: ifMatchHeaders,
      body: mergeBody,
      response: { 200: mergeReply, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      const result = await mergeCustomers(app.db, await viewer(request), request.params.id, request.body.duplicateId, expected);
      return reply.header('etag', `"${result.customer.version}"`).send(result);
    },
  });
}
