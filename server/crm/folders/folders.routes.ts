import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import { folderBody, folderMemberParams, folderSchema, listFoldersQuery, listFoldersReply, type ListFoldersQuery } from './folder.schemas.js';
import { addToFolder, createFolder, deleteFolder, getFolder, listFolders, removeFromFolder, renameFolder } from './folders.service.js';

const anyone = { access: 'authenticated' as const };
const noContent = { 204: { type: 'null' } } as const;
type Member = { Params: { id: string; customerId: string } };

/**
 * A user's private customer folders ("teczki"). The customers of a folder are listed by the
 * customer list itself: `GET /api/customers?folderId=` (with all its filters, sorts and pages).
 */
export async function foldersRoutes(app: FastifyInstance): Promise<void> {
  const viewer = (request: FastifyRequest) => viewerOf(app.db, principalOf(request));

  app.get<{ Querystring: ListFoldersQuery }>('/api/customer-folders', {
    config: anyone,
    schema: { tags: ['customers'], summary: 'List your customer folders, by name', querystring: listFoldersQuery, response: { 200: listFoldersReply, ...errorReplies } },
    handler: async (request) => listFolders(app.db, await viewer(request), request.query),
  });

  app.post<{ Body: { name: string } }>('/api/customer-folders', {
    config: anyone,
    schema: { tags: ['customers'], summary: 'Create a folder', body: folderBody, response: { 201: folderSchema, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => reply.code(201).send(await createFolder(app.db, await viewer(request), request.body.name)),
  });

  app.get<{ Params: { id: string } }>('/api/customer-folders/:id', {
    config: anyone,
    schema: { tags: ['customers'], summary: 'Get one of your folders', params: idParams, response: { 200: folderSchema, ...notFoundReply, ...errorReplies } },
    handler: async (request) => getFolder(app.db, await viewer(request), request.params.id),
  });

  app.patch<{ Params: { id: string }; Body: { name: string } }>('/api/customer-folders/:id', {
    config: anyone,
    schema: { tags: ['customers'], summary: 'Rename a folder', params: idParams, body: folderBody, response: { 200: folderSchema, ...notFoundReply, ...conflictReply, ...errorReplies } },
    handler: async (request) => renameFolder(app.db, await viewer(request), request.params.id, request.body.name),
  });

  app.delete<{ Params: { id: string } }>('/api/customer-folders/:id', {
    config: anyone,
    schema: { tags: ['customers'], summary: 'Delete a folder (its customers stay)', params: idParams, response: { ...noContent, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      await deleteFolder(app.db, await viewer(request), request.params.id);
      return reply.code(204).send();
    },
  });

  app.put<Member>('/api/customer-folders/:id/customers/:customerId', {
    config: anyone,
    schema: { tags: ['customers'], summary: 'Put a customer into a folder', params: folderMemberParams, response: { ...noContent, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      await addToFolder(app.db, await viewer(request), request.params.id, request.params.customerId);
      return reply.code(204).send();
    },
  });

  app.delete<Member>('/api/customer-folders/:id/customers/:customerId', {
    config: anyone,
    schema: { tags: ['customers'], summary: 'Take a customer out of a folder', params: folderMemberParams, response: { ...noContent, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      await removeFromFolder(app.db, await viewer(request), request.params.id, request.params.customerId);
      return reply.code(204).send();
    },
  });
}
