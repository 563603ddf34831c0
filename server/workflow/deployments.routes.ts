import type { FastifyInstance } from 'fastify';
import type { JsonObject } from '../../engine/index.js';
import type { Role } from '../db/tables/index.js';
import { AppError } from '../errors.js';
import { DEPLOYMENTS_CHANNEL } from '../plugins/engine.plugin.js';
import { unwrap } from './engine-errors.js';
import { definitionSchema, errorReply, instanceSchema, keyParams, variablesSchema } from './workflow.schemas.js';

const designers = { access: { roles: ['designer'] as Role[] } };

/** Deployments and process definitions; starting an instance by key. */
export async function deploymentRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: { name: string; resources: Array<{ name: string; xml: string }> } }>('/api/deployments', {
    config: designers,
    schema: {
      tags: ['engine'],
      summary: 'Deploy BPMN resources (a changed process becomes a new version; an unchanged one keeps its version)',
      body: {
        type: 'object',
        required: ['name', 'resources'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 200 },
          resources: {
            type: 'array',
            minItems: 1,
            maxItems: 50,
            items: { type: 'object', required: ['name', 'xml'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1 }, xml: { type: 'string', minLength: 1 } } },
          },
        },
      },
      response: {
        201: { type: 'object', required: ['id', 'processDefinitions'], properties: { id: { type: 'string' }, processDefinitions: { type: 'array', items: definitionSchema } } },
        400: {
          type: 'object',
          required: ['code', 'message', 'problems'],
          properties: {
            code: { type: 'string' },
            message: { type: 'string' },
            problems: { type: 'array', items: { type: 'object', properties: { elementId: { type: ['string', 'null'] }, message: { type: 'string' }, resource: { type: 'string' } } } },
          },
        },
        401: errorReply,
        403: errorReply,
      },
    },
    handler: async (request, reply) => {
      const outcome = await app.engine.deploy(request.body);
      if (!outcome.ok) {
        const count = outcome.problems.length;
        return reply.code(400).send({ code: 'ENG_ERR_DEPLOYMENT_INVALID', message: `The deployment has ${count} problem${count === 1 ? '' : 's'}: ${outcome.problems[0]!.message}${count > 1 ? ' …' : ''}`, problems: outcome.problems });
      }
      for (const { key } of outcome.processDefinitions) await app.database.notifications.notify(DEPLOYMENTS_CHANNEL, key);
      app.realtime.publish({ type: 'deployment.created', id: outcome.id }, { roles: ['designer'] }).catch(() => undefined);
      return reply.code(201).send({ id: outcome.id, processDefinitions: outcome.processDefinitions });
    },
  });

  app.get<{ Querystring: { key?: string; latest?: boolean } }>('/api/process-definitions', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['engine'],
      summary: 'List process definitions (every version, or the latest of each key)',
      querystring: { type: 'object', additionalProperties: false, properties: { key: { type: 'string' }, latest: { type: 'boolean', default: false } } },
      response: { 200: { type: 'array', items: definitionSchema }, 401: errorReply },
    },
    handler: async (request) => app.engine.listDefinitions({ ...(request.query.key ? { key: request.query.key } : {}), latestOnly: request.query.latest ?? false }),
  });

  app.get<{ Params: { id: string } }>('/api/process-definitions/:id/xml', {
    config: { access: 'authenticated' },
    schema: { tags: ['engine'], summary: 'The BPMN XML of a process definition', params: keyParams('id'), response: { 200: { type: 'object', properties: { id: { type: 'string' }, xml: { type: 'string' } } }, 404: errorReply } },
    handler: async (request) => {
      const xml = await app.engine.definitionXml(request.params.id);
      if (xml === undefined) throw new AppError('SRV_ERR_NOT_FOUND', `Process definition '${request.params.id}' was not found`);
      return { id: request.params.id, xml };
    },
  });

  app.post<{ Params: { key: string }; Body: { variables?: JsonObject; businessKey?: string | null } | undefined }>('/api/process-definitions/key/:key/start', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['engine'],
      summary: 'Start an instance of the latest version of a process',
      params: keyParams('key'),
      body: { type: ['object', 'null'], additionalProperties: false, properties: { variables: variablesSchema, businessKey: { type: ['string', 'null'], maxLength: 200 } } },
      response: { 201: instanceSchema, 400: errorReply, 404: errorReply },
    },
    handler: async (request, reply) => {
      const body = request.body ?? {};
      const started = unwrap(await app.engine.startInstance(request.params.key, { variables: body.variables ?? {}, businessKey: body.businessKey ?? null }));
      return reply.code(201).send({ id: started.id, state: started.state });
    },
  });
}
