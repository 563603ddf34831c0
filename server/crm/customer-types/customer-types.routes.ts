import type { FastifyInstance } from 'fastify';
import type { Role } from '../../db/tables/index.js';
import { principalOf } from '../../plugins/access.plugin.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import { createCustomerTypeBody, customerTypeSchema, type CustomerTypeInput } from './customer-type.schemas.js';
import { createCustomerType, getCustomerType, listCustomerTypes } from './customer-types.service.js';

/** Customer types and their custom-field schemas: admins define them, everyone reads them. */
export async function customerTypesRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(customerTypeSchema);

  app.get('/api/customer-types', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['customers'],
      summary: 'List customer types',
      response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: 'CustomerType#' } } } }, ...errorReplies },
    },
    handler: async () => ({ items: await listCustomerTypes(app.db) }),
  });

  app.get<{ Params: { id: string } }>('/api/customer-types/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['customers'], summary: 'Get a customer type', params: idParams, response: { 200: { $ref: 'CustomerType#' }, ...notFoundReply, ...errorReplies } },
    handler: async (request) => getCustomerType(app.db, request.params.id),
  });

  app.post<{ Body: CustomerTypeInput }>('/api/customer-types', {
    config: { access: { roles: ['admin'] as Role[] } },
    schema: { tags: ['customers'], summary: 'Define a customer type', body: createCustomerTypeBody, response: { 201: { $ref: 'CustomerType#' }, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => reply.code(201).send(await createCustomerType(app.db, { userId: principalOf(request).userId, onBehalfOf: null }, request.body)),
  });
}
