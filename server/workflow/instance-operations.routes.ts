import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { JsonObject } from '../../engine/index.js';
import { recordAudit } from '../crm/audit/audit-log.repository.js';
import type { Role } from '../db/tables/index.js';
import { principalOf } from '../plugins/access.plugin.js';
import { unwrap } from './engine-errors.js';
import { errorReply, instanceSchema, keyParams, variablesSchema } from './workflow.schemas.js';

const operators = { access: { roles: ['manager', 'designer'] as Role[] } };

interface ModificationBody {
  activate?: { elementId: string; scopeKey?: string; variables?: JsonObject }[];
  terminate?: string[];
  variables?: JsonObject;
}

/**
 * Operations on a running instance that change where its tokens are (Camunda's
 * modification and migration). Each is one engine command; who did it is recorded in the
 * audit log (entity `process-instance`).
 */
export async function instanceOperationRoutes(app: FastifyInstance): Promise<void> {
  const audit = (request: FastifyRequest, instanceId: string, action: string, after: unknown) =>
    recordAudit(app.db, { userId: principalOf(request).userId, onBehalfOf: null }, { entityType: 'process-instance', entityId: instanceId, action, after });

  app.post<{ Params: { id: string }; Body: ModificationBody }>('/api/process-instances/:id/modification', {
    config: operators,
    schema: {
      tags: ['engine'],
      summary: 'Modify a running instance: start tokens before elements, terminate element instances, set variables',
      description: 'Activations run first (in the live instance of the element’s sub-process, or `scopeKey`), then terminations (a scope left empty completes). Everything is checked before anything changes.',
      params: keyParams('id'),
      body: {
        type: 'object',
        additionalProperties: false,
        properties: {
          activate: {
            type: 'array',
            maxItems: 100,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['elementId'],
              properties: { elementId: { type: 'string', minLength: 1 }, scopeKey: { type: 'string', minLength: 1 }, variables: variablesSchema },
            },
          },
          terminate: { type: 'array', maxItems: 100, items: { type: 'string', minLength: 1 }, description: 'Element instance keys (see the instance’s activity history ids)' },
          variables: variablesSchema,
        },
      },
      response: { 200: instanceSchema, 400: errorReply, 404: errorReply, 409: errorReply },
    },
    handler: async (request) => {
      const outcome = unwrap(await app.engine.modifyInstance(request.params.id, request.body));
      await audit(request, request.params.id, 'modify', request.body);
      return { id: outcome.id, state: outcome.state };
    },
  });

  app.post<{ Params: { id: string }; Body: { targetDefinitionId: string; mappings?: Record<string, string> } }>('/api/process-instances/:id/migration', {
    config: operators,
    schema: {
      tags: ['engine'],
      summary: 'Migrate a waiting instance to another version of its process',
      description: 'Every live element continues at the element `mappings` names (source id → target id), or at the element with the same id; each must exist in the target with the same kind and sub-process.',
      params: keyParams('id'),
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['targetDefinitionId'],
        properties: { targetDefinitionId: { type: 'string', minLength: 1 }, mappings: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } } },
      },
      response: { 200: instanceSchema, 400: errorReply, 404: errorReply, 409: errorReply },
    },
    handler: async (request) => {
      const outcome = unwrap(await app.engine.migrateInstance(request.params.id, request.body.targetDefinitionId, request.body.mappings ?? {}));
      await audit(request, request.params.id, 'migrate', request.body);
      return { id: outcome.id, state: outcome.state };
    },
  });
}
