import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { expectedVersion, ifMatchHeaders } from '../if-match.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import { dealLinesReply, replaceLinesBody, type LineInput } from './deal-line.schemas.js';
import { getDealLines, replaceDealLines } from './deal-lines.service.js';

const anyone = { access: 'authenticated' as const };

/** Product lines on deals: whoever may see (read) or change (write) the deal, under the deal's scope and version. */
export async function dealLinesRoutes(app: FastifyInstance): Promise<void> {
  const viewer = (request: FastifyRequest) => viewerOf(app.db, principalOf(request));

  app.get<{ Params: { id: string } }>('/api/deals/:id/lines', {
    config: anyone,
    schema: { tags: ['deals'], summary: 'A deal’s product lines (ETag: the deal’s version)', params: idParams, response: { 200: dealLinesReply, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      const lines = await getDealLines(app.db, await viewer(request), request.params.id);
      return reply.header('etag', `"${lines.version}"`).send(lines);
    },
  });

  app.put<{ Params: { id: string }; Body: { lines: LineInput[]; version?: number }; Headers: { 'if-match'?: string } }>('/api/deals/:id/lines', {
    config: anyone,
    schema: {
      tags: ['deals'],
      summary: 'Replace all of a deal’s product lines; the deal’s amount becomes their sum (optimistic concurrency on the deal)',
      params: idParams,
      headers: ifMatchHeaders,
      body: replaceLinesBody,
      response: { 200: dealLinesReply, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      const lines = await replaceDealLines(app.db, await viewer(request), request.params.id, request.body.lines, expected);
      return reply.header('etag', `"${lines.version}"`).send(lines);
    },
  });
}
