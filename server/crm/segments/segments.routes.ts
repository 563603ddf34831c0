import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { customerSchema } from '../customers/customer.schemas.js';
import { expectedVersion, ifMatchHeaders, parseIfMatch } from '../if-match.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import {
  addMembersBody,
  createSegmentBody,
  listSegmentsQuery,
  listSegmentsReply,
  memberParams,
  membersQuery,
  previewBody,
  segmentSchema,
  updateSegmentBody,
  type CustomerPage,
  type ListSegmentsQuery,
  type NewSegment,
  type SegmentChanges,
} from './segment.schemas.js';
import { listVisibleSegments, toSegmentDto } from './segments.repository.js';
import { addMembers, createSegment, deleteSegment, getSegment, previewFilter, removeMember, segmentCount, segmentMembers, updateSegment } from './segments.service.js';

const anyone = { access: 'authenticated' as const };
const { $id: _id, ...customerShape } = customerSchema;
const customerPage = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: customerShape }, nextCursor: { type: ['string', 'null'] } },
} as const;
const createdReply = { ...segmentSchema, properties: { ...segmentSchema.properties, memberCount: { type: 'integer', description: 'Static snapshot: the customers it took' } } } as const;

/**
 * Segments: static lists and dynamic (filter) lists of customers. A segment is seen by its
 * owner, the owner's managers and admins (segment-scope.ts); its members by the customer rule
 * of whoever reads them.
 */
export async function segmentsRoutes(app: FastifyInstance): Promise<void> {
  const viewer = (request: FastifyRequest) => viewerOf(app.db, principalOf(request));

  app.get<{ Querystring: ListSegmentsQuery }>('/api/segments', {
    config: anyone,
    schema: { tags: ['segments'], summary: 'List the segments you can see, by name', querystring: listSegmentsQuery, response: { 200: listSegmentsReply, ...errorReplies } },
    handler: async (request) => {
      const { rows, nextCursor } = await listVisibleSegments(app.db, await viewer(request), request.query);
      return { items: rows.map(toSegmentDto), nextCursor };
    },
  });

  app.post<{ Body: NewSegment }>('/api/segments', {
    config: anyone,
    schema: { tags: ['segments'], summary: 'Create a static or dynamic segment', body: createSegmentBody, response: { 201: createdReply, ...errorReplies } },
    handler: async (request, reply) => {
      const created = await createSegment(app.db, await viewer(request), request.body);
      return reply.code(201).header('etag', `"${created.version}"`).send(created);
    },
  });

  app.post<{ Body: { filter: unknown } & CustomerPage }>('/api/segments/preview', {
    config: anyone,
    schema: {
      tags: ['segments'],
      summary: 'Count and first page of the customers (you can see) a filter selects',
      body: previewBody,
      response: { 200: { ...customerPage, required: ['count', ...customerPage.required], properties: { count: { type: 'integer' }, ...customerPage.properties } }, ...errorReplies },
    },
    handler: async (request) => previewFilter(app.db, await viewer(request), request.body),
  });

  app.get<{ Params: { id: string } }>('/api/segments/:id', {
    config: anyone,
    schema: { tags: ['segments'], summary: 'Get a segment', params: idParams, response: { 200: segmentSchema, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      const segment = toSegmentDto(await getSegment(app.db, await viewer(request), request.params.id));
      return reply.header('etag', `"${segment.version}"`).send(segment);
    },
  });

  app.patch<{ Params: { id: string }; Headers: { 'if-match'?: string }; Body: SegmentChanges }>('/api/segments/:id', {
    config: anyone,
    schema: {
      tags: ['segments'],
      summary: 'Rename, describe or (dynamic) re-define a segment (owner; optimistic concurrency)',
      params: idParams,
      headers: ifMatchHeaders,
      body: updateSegmentBody,
      response: { 200: segmentSchema, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      const updated = await updateSegment(app.db, await viewer(request), request.params.id, request.body, expected);
      return reply.header('etag', `"${updated.version}"`).send(updated);
    },
  });

  app.delete<{ Params: { id: string }; Headers: { 'if-match'?: string } }>('/api/segments/:id', {
    config: anyone,
    schema: { tags: ['segments'], summary: 'Delete a segment (owner; If-Match optional)', params: idParams, headers: ifMatchHeaders, response: { 204: { type: 'null' }, ...notFoundReply, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => {
      await deleteSegment(app.db, await viewer(request), request.params.id, parseIfMatch(request.headers['if-match']));
      return reply.code(204).send();
    },
  });

  app.get<{ Params: { id: string }; Querystring: CustomerPage }>('/api/segments/:id/members', {
    config: anyone,
    schema: { tags: ['segments'], summary: 'The segment’s members that you can see (keyset pages)', params: idParams, querystring: membersQuery, response: { 200: customerPage, ...notFoundReply, ...errorReplies } },
    handler: async (request) => segmentMembers(app.db, await viewer(request), request.params.id, request.query),
  });

  app.get<{ Params: { id: string } }>('/api/segments/:id/count', {
    config: anyone,
    schema: {
      tags: ['segments'],
      summary: 'How many of the segment’s members you can see',
      params: idParams,
      response: { 200: { type: 'object', required: ['count'], properties: { count: { type: 'integer' } } }, ...notFoundReply, ...errorReplies },
    },
    handler: async (request) => segmentCount(app.db, await viewer(request), request.params.id),
  });

  app.post<{ Params: { id: string }; Body: { customerIds: string[] } }>('/api/segments/:id/members', {
    config: anyone,
    schema: {
      tags: ['segments'],
      summary: 'Add customers to a static segment',
      params: idParams,
      body: addMembersBody,
      response: { 200: { type: 'object', required: ['added'], properties: { added: { type: 'integer', description: 'How many were not members yet' } } }, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request) => addMembers(app.db, await viewer(request), request.params.id, request.body.customerIds),
  });

  app.delete<{ Params: { id: string; customerId: string } }>('/api/segments/:id/members/:customerId', {
    config: anyone,
    schema: { tags: ['segments'], summary: 'Remove a customer from a static segment', params: memberParams, response: { 204: { type: 'null' }, ...notFoundReply, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => {
      await removeMember(app.db, await viewer(request), request.params.id, request.params.customerId);
      return reply.code(204).send();
    },
  });
}
