import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../db/tables/index.js';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import {
  closeDealBody,
  createDealBody,
  dealHistoryReply,
  dealSchema,
  listDealsQuery,
  listDealsReply,
  moveDealBody,
  reopenDealBody,
  updateDealBody,
  type DealChanges,
  type ListDealsQuery,
  type NewDeal,
} from './deal.schemas.js';
import { listVisibleDeals, toDealDto, type DealDto } from './deals.repository.js';
import { closeDeal, createDeal, getDeal, getDealHistory, moveDeal, reopenDeal, updateDeal } from './deals.service.js';
import { expectedVersion, ifMatchHeaders } from '../if-match.js';

const anyone = { access: 'authenticated' as const };
const managers = { access: { roles: ['manager'] as Role[] } }; // admins always may
const dealReply = { $ref: 'Deal#' } as const;
const writeReplies = { 200: dealReply, ...notFoundReply, ...conflictReply, ...errorReplies } as const;

type WithVersion = { Params: { id: string }; Headers: { 'if-match'?: string } };

/**
 * Deals: every read and write runs through the deal scope (deal-scope.ts: the customer rule,
 * or the deal's owner). Writes take the version read (If-Match or body `version`) and answer
 * with the new one as ETag.
 */
export async function dealsRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(dealSchema);
  const viewer = (request: FastifyRequest) => viewerOf(app.db, principalOf(request));
  const withEtag = (reply: { header(name: string, value: string): { send(body: DealDto): unknown } }, deal: DealDto) => reply.header('etag', `"${deal.version}"`).send(deal);

  app.get<{ Querystring: ListDealsQuery }>('/api/deals', {
    config: anyone,
    schema: { tags: ['deals'], summary: 'List, filter and sort your deals', querystring: listDealsQuery, response: { 200: listDealsReply, ...errorReplies } },
    handler: async (request) => {
      const { rows, nextCursor } = await listVisibleDeals(app.db, await viewer(request), request.query);
      return { items: rows.map(toDealDto), nextCursor };
    },
  });

  app.post<{ Body: NewDeal }>('/api/deals', {
    config: anyone,
    schema: { tags: ['deals'], summary: 'Create a deal on a customer you can see', body: createDealBody, response: { 201: dealReply, ...errorReplies } },
    handler: async (request, reply) => withEtag(reply.code(201), await createDeal(app.db, await viewer(request), request.body)),
  });

  app.get<{ Params: { id: string } }>('/api/deals/:id', {
    config: anyone,
    schema: { tags: ['deals'], summary: 'Get a deal', params: idParams, response: { 200: dealReply, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => withEtag(reply, await getDeal(app.db, await viewer(request), request.params.id)),
  });

  app.patch<WithVersion & { Body: DealChanges }>('/api/deals/:id', {
    config: anyone,
    schema: { tags: ['deals'], summary: 'Change a deal’s fields (optimistic concurrency)', params: idParams, headers: ifMatchHeaders, body: updateDealBody, response: writeReplies },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      return withEtag(reply, await updateDeal(app.db, await viewer(request), request.params.id, request.body, expected));
    },
  });

  app.post<WithVersion & { Body: { stage: string; version?: number } }>('/api/deals/:id/stage', {
    config: anyone,
    schema: { tags: ['deals'], summary: 'Move an open deal to another stage', params: idParams, headers: ifMatchHeaders, body: moveDealBody, response: writeReplies },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      return withEtag(reply, await moveDeal(app.db, await viewer(request), request.params.id, request.body.stage, expected));
    },
  });

  app.post<WithVersion & { Body: { outcome: 'won' | 'lost'; reason: string; version?: number } }>('/api/deals/:id/close', {
    config: anyone,
    schema: { tags: ['deals'], summary: 'Close an open deal as won or lost (a reason is mandatory)', params: idParams, headers: ifMatchHeaders, body: closeDealBody, response: writeReplies },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      const { outcome, reason } = request.body;
      return withEtag(reply, await closeDeal(app.db, await viewer(request), request.params.id, outcome, reason, expected));
    },
  });

  app.post<WithVersion & { Body: { stage?: string; version?: number } }>('/api/deals/:id/reopen', {
    config: managers,
    schema: { tags: ['deals'], summary: 'Reopen a won or lost deal (managers)', params: idParams, headers: ifMatchHeaders, body: reopenDealBody, response: writeReplies },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      return withEtag(reply, await reopenDeal(app.db, await viewer(request), request.params.id, request.body.stage, expected));
    },
  });

  app.get<{ Params: { id: string } }>('/api/deals/:id/history', {
    config: anyone,
    schema: { tags: ['deals'], summary: 'The deal’s changes of stage, status, amount and owner, oldest first', params: idParams, response: { 200: dealHistoryReply, ...notFoundReply, ...errorReplies } },
    handler: async (request) => ({ items: await getDealHistory(app.db, await viewer(request), request.params.id) }),
  });
}
