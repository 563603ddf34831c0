import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { errorReplies, idParams, notFoundReply } from '../shared.js';
import { customer360Query, customer360Reply, timelineQuery } from './customer-360.schemas.js';
import { customer360, customerTimeline } from './customer-360.service.js';
import { timelineSchema } from './sections/timeline.section.js';

const anyone = { access: 'authenticated' as const };

/** The customer card (360°) and its timeline, under the customers' scope. */
export async function customer360Routes(app: FastifyInstance): Promise<void> {
  const viewer = (request: FastifyRequest) => viewerOf(app.db, principalOf(request));

  app.get<{ Params: { id: string }; Querystring: { timelineLimit: number; before?: string } }>('/api/customers/:id/360', {
    config: anyone,
    schema: {
      tags: ['customers'],
      summary: 'The customer with contacts, relations, deals, running processes and open tasks, segments and folders, and the timeline',
      params: idParams,
      querystring: customer360Query,
      response: { 200: customer360Reply, ...notFoundReply, ...errorReplies },
    },
    handler: async (request) => customer360(app.db, await viewer(request), request.params.id, { limit: request.query.timelineLimit, before: request.query.before }),
  });

  app.get<{ Params: { id: string }; Querystring: { limit: number; before?: string } }>('/api/customers/:id/timeline', {
    config: anyone,
    schema: {
      tags: ['customers'],
      summary: 'The customer’s history, newest first: changes, contacts, relations, deals, processes and tasks',
      params: idParams,
      querystring: timelineQuery,
      response: { 200: timelineSchema, ...notFoundReply, ...errorReplies },
    },
    handler: async (request) => customerTimeline(app.db, await viewer(request), request.params.id, request.query),
  });
}
