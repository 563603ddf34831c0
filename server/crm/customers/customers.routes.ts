import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { conflictReply, errorReplies, idParams, invalidField, notFoundReply } from '../shared.js';
import {
  createCustomerBody,
  createCustomerReply,
  customerSchema,
  listCustomersQuery,
  listCustomersReply,
  updateCustomerBody,
  type CustomerChanges,
  type ListCustomersQuery,
  type NewCustomer,
} from './customer.schemas.js';
import { listVisibleCustomers, toCustomerDto } from './customers.repository.js';
import { createCustomer, getCustomer, updateCustomer } from './customers.service.js';
import { parseIfMatch } from '../if-match.js';

const anyone = { access: 'authenticated' as const };
const ifMatchHeaders = { type: 'object', properties: { 'if-match': { type: 'string', description: 'The version you read, e.g. "3" (the ETag)' } } } as const;

/** Customers: every read and write runs through the org-chart scope (access/customer-scope.ts). */
export async function customersRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(customerSchema);
  const viewer = (request: FastifyRequest) => viewerOf(app.db, principalOf(request));

  app.get<{ Querystring: ListCustomersQuery }>('/api/customers', {
    config: anyone,
    schema: { tags: ['customers'], summary: 'List, filter and search your customers', querystring: listCustomersQuery, response: { 200: listCustomersReply, ...errorReplies } },
    handler: async (request) => {
      const { rows, nextCursor } = await listVisibleCustomers(app.db, await viewer(request), request.query);
      return { items: rows.map(toCustomerDto), nextCursor };
    },
  });

  app.post<{ Body: NewCustomer }>('/api/customers', {
    config: anyone,
    schema: { tags: ['customers'], summary: 'Create a customer (possible duplicates are flagged)', body: createCustomerBody, response: { 201: createCustomerReply, ...errorReplies } },
    handler: async (request, reply) => {
      const created = await createCustomer(app.db, await viewer(request), request.body);
      return reply.code(201).header('etag', `"${created.version}"`).send(created);
    },
  });

  app.get<{ Params: { id: string } }>('/api/customers/:id', {
    config: anyone,
    schema: { tags: ['customers'], summary: 'Get a customer', params: idParams, response: { 200: { $ref: 'Customer#' }, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      const customer = await getCustomer(app.db, await viewer(request), request.params.id);
      return reply.header('etag', `"${customer.version}"`).send(customer);
    },
  });

  app.patch<{ Params: { id: string }; Body: CustomerChanges; Headers: { 'if-match'?: string } }>('/api/customers/:id', {
    config: anyone,
    schema: {
      tags: ['customers'],
      summary: 'Change a customer (optimistic concurrency: If-Match or version)',
      params: idParams,
      headers: ifMatchHeaders,
      body: updateCustomerBody,
      response: { 200: { $ref: 'Customer#' }, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request, reply) => {
      const updated = await updateCustomer(app.db, await viewer(request), request.params.id, request.body, parseIfMatch(request.headers['if-match']));
      return reply.header('etag', `"${updated.version}"`).send(updated);
    },
  });
}

/** `"3"`, `W/"3"` or `3` → 3. */
