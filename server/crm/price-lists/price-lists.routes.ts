import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../db/tables/index.js';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { expectedVersion, ifMatchHeaders, parseIfMatch } from '../if-match.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import {
  createPriceListBody,
  itemBody,
  itemParams,
  listItemsQuery,
  listItemsReply,
  listPriceListsQuery,
  listPriceListsReply,
  priceListItemSchema,
  priceListSchema,
  priceQuery,
  priceReply,
  updatePriceListBody,
  type ItemInput,
  type ListPriceListsQuery,
  type NewPriceList,
  type PriceListChanges,
  type PriceQuery,
} from './price-list.schemas.js';
import { listItems, listPriceLists, toItemDto, toPriceListDto } from './price-lists.repository.js';
import { createPriceList, deleteItem, deletePriceList, getPriceList, putItem, updatePriceList } from './price-lists.service.js';
import { productPrice } from './product-price.service.js';

const anyone = { access: 'authenticated' as const };
const admins = { access: { roles: ['admin'] as Role[] } };
const listReply = { $ref: 'PriceList#' } as const;
type ItemRoute = { Params: { id: string; productId: string }; Headers: { 'if-match'?: string } };

/** Price lists by customer status, and the price a product has for a customer: admins write, everyone reads. */
export async function priceListsRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(priceListSchema);
  app.addSchema(priceListItemSchema);
  const actor = (request: FastifyRequest) => ({ userId: principalOf(request).userId, onBehalfOf: null });
  const etag = (version: number) => `"${version}"`;

  app.get<{ Querystring: ListPriceListsQuery }>('/api/price-lists', {
    config: anyone,
    schema: { tags: ['products'], summary: 'List price lists', querystring: listPriceListsQuery, response: { 200: listPriceListsReply, ...errorReplies } },
    handler: async (request) => {
      const { rows, nextCursor } = await listPriceLists(app.db, request.query);
      return { items: rows.map(toPriceListDto), nextCursor };
    },
  });

  app.post<{ Body: NewPriceList }>('/api/price-lists', {
    config: admins,
    schema: { tags: ['products'], summary: 'Create a price list with its first items (admins)', body: createPriceListBody, response: { 201: listReply, ...errorReplies } },
    handler: async (request, reply) => {
      const created = await createPriceList(app.db, actor(request), request.body);
      return reply.code(201).header('etag', etag(created.version)).send(created);
    },
  });

  app.get<{ Params: { id: string } }>('/api/price-lists/:id', {
    config: anyone,
    schema: { tags: ['products'], summary: 'Get a price list', params: idParams, response: { 200: listReply, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      const list = await getPriceList(app.db, request.params.id);
      return reply.header('etag', etag(list.version)).send(list);
    },
  });

  app.patch<{ Params: { id: string }; Body: PriceListChanges; Headers: { 'if-match'?: string } }>('/api/price-lists/:id', {
    config: admins,
    schema: { tags: ['products'], summary: 'Change a price list (admins; optimistic concurrency)', params: idParams, headers: ifMatchHeaders, body: updatePriceListBody, response: { 200: listReply, ...notFoundReply, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      const updated = await updatePriceList(app.db, actor(request), request.params.id, request.body, expected);
      return reply.header('etag', etag(updated.version)).send(updated);
    },
  });

  app.delete<{ Params: { id: string }; Headers: { 'if-match'?: string } }>('/api/price-lists/:id', {
    config: admins,
    schema: { tags: ['products'], summary: 'Delete a price list and its items (admins; If-Match optional)', params: idParams, headers: ifMatchHeaders, response: { 204: { type: 'null' }, ...notFoundReply, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => {
      await deletePriceList(app.db, actor(request), request.params.id, parseIfMatch(request.headers['if-match']));
      return reply.code(204).send();
    },
  });

  app.get<{ Params: { id: string }; Querystring: { limit: number; after?: string } }>('/api/price-lists/:id/items', {
    config: anyone,
    schema: { tags: ['products'], summary: 'A price list’s items, by SKU', params: idParams, querystring: listItemsQuery, response: { 200: listItemsReply, ...notFoundReply, ...errorReplies } },
    handler: async (request) => {
      await getPriceList(app.db, request.params.id);
      const { rows, nextCursor } = await listItems(app.db, request.params.id, request.query.limit, request.query.after);
      return { items: rows.map(toItemDto), nextCursor };
    },
  });

  app.put<ItemRoute & { Body: Omit<ItemInput, 'productId'> & { version?: number } }>('/api/price-lists/:id/items/:productId', {
    config: admins,
    schema: {
      tags: ['products'],
      summary: 'Set a product’s price or discount on the list (admins; If-Match optional); the list’s version moves on',
      params: itemParams,
      headers: ifMatchHeaders,
      body: itemBody,
      response: { 200: { $ref: 'PriceListItem#' }, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request, reply) => {
      const { version, ...item } = request.body;
      const { list, item: saved } = await putItem(app.db, actor(request), request.params.id, request.params.productId, item, parseIfMatch(request.headers['if-match']) ?? version);
      return reply.header('etag', etag(list.version)).send(saved);
    },
  });

  app.delete<ItemRoute>('/api/price-lists/:id/items/:productId', {
    config: admins,
    schema: { tags: ['products'], summary: 'Take a product off the list (admins; If-Match optional)', params: itemParams, headers: ifMatchHeaders, response: { 204: { type: 'null' }, ...notFoundReply, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => {
      const list = await deleteItem(app.db, actor(request), request.params.id, request.params.productId, parseIfMatch(request.headers['if-match']));
      return reply.code(204).header('etag', etag(list.version)).send();
    },
  });

  app.get<{ Params: { id: string }; Querystring: PriceQuery }>('/api/products/:id/price', {
    config: anyone,
    schema: {
      tags: ['products'],
      summary: 'The price of a product for a customer (or customer status), and the price list that gave it',
      description: 'The most specific valid list wins: see server/crm/README.md (Which price applies).',
      params: idParams,
      querystring: priceQuery,
      response: { 200: priceReply, ...notFoundReply, ...errorReplies },
    },
    handler: async (request) => productPrice(app.db, await viewerOf(app.db, principalOf(request)), request.params.id, request.query),
  });
}
