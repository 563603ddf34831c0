import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../db/tables/index.js';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { ifMatchHeaders, parseIfMatch } from '../if-match.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import { createPipelineBody, pipelineSchema, pipelineSummaryReply, updatePipelineBody, type PipelineChanges, type PipelineInput } from './pipeline.schemas.js';
import { listPipelines } from './pipelines.repository.js';
import { createPipeline, getPipeline, pipelineSummary, updatePipeline } from './pipelines.service.js';

const managers = { access: { roles: ['manager'] as Role[] } }; // admins always may
const anyone = { access: 'authenticated' as const };

/** Sales pipelines: admins and managers shape them, everyone signed in reads them. */
export async function pipelinesRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(pipelineSchema);
  const actor = (request: FastifyRequest) => ({ userId: principalOf(request).userId, onBehalfOf: null });

  app.get('/api/pipelines', {
    config: anyone,
    schema: {
      tags: ['deals'],
      summary: 'List pipelines with their stages',
      response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: 'Pipeline#' } } } }, ...errorReplies },
    },
    handler: async () => ({ items: await listPipelines(app.db) }),
  });

  app.post<{ Body: PipelineInput }>('/api/pipelines', {
    config: managers,
    schema: { tags: ['deals'], summary: 'Create a pipeline', body: createPipelineBody, response: { 201: { $ref: 'Pipeline#' }, ...errorReplies } },
    handler: async (request, reply) => {
      const created = await createPipeline(app.db, actor(request), request.body);
      return reply.code(201).header('etag', `"${created.version}"`).send(created);
    },
  });

  app.get<{ Params: { id: string } }>('/api/pipelines/:id', {
    config: anyone,
    schema: { tags: ['deals'], summary: 'Get a pipeline', params: idParams, response: { 200: { $ref: 'Pipeline#' }, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      const pipeline = await getPipeline(app.db, request.params.id);
      return reply.header('etag', `"${pipeline.version}"`).send(pipeline);
    },
  });

  app.patch<{ Params: { id: string }; Body: PipelineChanges; Headers: { 'if-match'?: string } }>('/api/pipelines/:id', {
    config: managers,
    schema: {
      tags: ['deals'],
      summary: 'Rename a pipeline; add, rename, reorder or delete stages (optimistic concurrency: If-Match or version)',
      params: idParams,
      headers: ifMatchHeaders,
      body: updatePipelineBody,
      response: { 200: { $ref: 'Pipeline#' }, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request, reply) => {
      const updated = await updatePipeline(app.db, actor(request), request.params.id, request.body, parseIfMatch(request.headers['if-match']));
      return reply.header('etag', `"${updated.version}"`).send(updated);
    },
  });

  app.get<{ Params: { id: string } }>('/api/pipelines/:id/summary', {
    config: anyone,
    schema: {
      tags: ['deals'],
      summary: 'Per stage: open deals you can see, their amounts and probability-weighted amounts (per currency)',
      params: idParams,
      response: { 200: pipelineSummaryReply, ...notFoundReply, ...errorReplies },
    },
    handler: async (request) => pipelineSummary(app.db, await viewerOf(app.db, principalOf(request)), request.params.id),
  });
}
