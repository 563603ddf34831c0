import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { errorReplies, idParams, notFoundReply } from '../shared.js';
import { contactParams, contactSchema, linkContactBody, listContactsReply } from './contact.schemas.js';
import { linkContact, listContacts, unlinkContact } from './contacts.service.js';

const anyone = { access: 'authenticated' as const };

/** Contacts: people linked to companies with a function, under the customers' scope. */
export async function contactsRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(contactSchema);
  const viewer = (request: FastifyRequest) => viewerOf(app.db, principalOf(request));

  app.get<{ Params: { id: string } }>('/api/customers/:id/contacts', {
    config: anyone,
    schema: { tags: ['customers'], summary: 'A company’s people, or a person’s companies', params: idParams, response: { 200: listContactsReply, ...notFoundReply, ...errorReplies } },
    handler: async (request) => ({ items: await listContacts(app.db, await viewer(request), request.params.id) }),
  });

  app.put<{ Params: { id: string; personId: string }; Body: { function?: string | null } }>('/api/customers/:id/contacts/:personId', {
    config: anyone,
    schema: {
      tags: ['customers'],
      summary: 'Link a person to a company (or change their function)',
      params: contactParams,
      body: linkContactBody,
      response: { 200: { $ref: 'CustomerContact#' }, ...notFoundReply, ...errorReplies },
    },
    handler: async (request) => linkContact(app.db, await viewer(request), request.params.id, request.params.personId, request.body.function ?? null),
  });

  app.delete<{ Params: { id: string; personId: string } }>('/api/customers/:id/contacts/:personId', {
    config: anyone,
    schema: { tags: ['customers'], summary: 'Unlink a person from a company', params: contactParams, response: { 204: { type: 'null' }, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      await unlinkContact(app.db, await viewer(request), request.params.id, request.params.personId);
      return reply.code(204).send();
    },
  });
}
