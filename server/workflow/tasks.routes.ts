import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { JsonObject, TaskDto } from '../../engine/index.js';
import { forbidden, notFound } from '../errors.js';
import { principalOf } from '../plugins/access.plugin.js';
import { unwrap } from './engine-errors.js';
import { mayWorkTask, taskWorkerOf } from './task-access.js';
import { errorReply, keyParams, taskSchema, variablesSchema } from './workflow.schemas.js';

const signedIn = { access: 'authenticated' as const };

/**
 * User tasks: the inbox (a rep sees his own and his groups' tasks; managers, designers
 * and admins see all), claim / unclaim / assign, and completion.
 */
export async function taskRoutes(app: FastifyInstance): Promise<void> {
  async function workableTask(request: FastifyRequest<{ Params: { id: string } }>): Promise<TaskDto> {
    const task = await app.engine.getTask(request.params.id);
    const principal = principalOf(request);
    // A task the caller may not work is not theirs to know about either: 404, not 403.
    if (!task || !mayWorkTask(await taskWorkerOf(app.db, principal), task)) throw notFound('Task', request.params.id);
    return task;
  }

  app.get<{ Querystring: { processInstanceId?: string; assignee?: string; candidateGroup?: string; candidateUser?: string; limit: number } }>('/api/tasks', {
    config: signedIn,
    schema: {
      tags: ['tasks'],
      summary: 'Open user tasks: all for managers, designers and admins; your own and your groups’ otherwise',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          processInstanceId: { type: 'string' },
          assignee: { type: 'string' },
          candidateGroup: { type: 'string' },
          candidateUser: { type: 'string' },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 200 },
        },
      },
      response: { 200: { type: 'array', items: taskSchema }, 400: errorReply, 401: errorReply },
    },
    handler: async (request) => {
      const worker = await taskWorkerOf(app.db, principalOf(request));
      const visibleTo = worker.oversees ? undefined : { identities: [...worker.identities], groups: [...worker.groups] };
      return app.engine.listTasks({ ...request.query, visibleTo });
    },
  });

  app.get<{ Params: { id: string } }>('/api/tasks/:id', {
    config: signedIn,
    schema: { tags: ['tasks'], summary: 'A user task', params: keyParams('id'), response: { 200: taskSchema, 404: errorReply } },
    handler: workableTask,
  });

  app.post<{ Params: { id: string }; Body: { variables?: JsonObject } | undefined }>('/api/tasks/:id/complete', {
    config: signedIn,
    schema: {
      tags: ['tasks'],
      summary: 'Complete a user task with variables (a second completion gets 409)',
      params: keyParams('id'),
      body: { type: ['object', 'null'], additionalProperties: false, properties: { variables: variablesSchema } },
      response: { 204: { type: 'null' }, 400: errorReply, 403: errorReply, 404: errorReply, 409: errorReply },
    },
    handler: async (request, reply) => {
      await workableTask(request);
      unwrap(await app.engine.completeTask(request.params.id, request.body?.variables ?? {}));
      return reply.code(204).send();
    },
  });

  app.post<{ Params: { id: string } }>('/api/tasks/:id/claim', {
    config: signedIn,
    schema: { tags: ['tasks'], summary: 'Take an unassigned task you are a candidate for', params: keyParams('id'), response: { 200: taskSchema, 404: errorReply, 409: errorReply } },
    handler: async (request) => {
      const task = await workableTask(request);
      const me = principalOf(request).userId;
      if (task.assignee !== null && task.assignee !== me) throw forbidden(`Task '${task.id}' is assigned to someone else: ask a manager to reassign it`);
      unwrap(await app.engine.assignTask(task.id, me));
      return (await app.engine.getTask(task.id))!;
    },
  });

  app.post<{ Params: { id: string } }>('/api/tasks/:id/unclaim', {
    config: signedIn,
    schema: { tags: ['tasks'], summary: 'Give a task back to its candidates', params: keyParams('id'), response: { 200: taskSchema, 403: errorReply, 404: errorReply } },
    handler: async (request) => {
      const task = await workableTask(request);
      const principal = principalOf(request);
      const worker = await taskWorkerOf(app.db, principal);
      if (!worker.oversees && !worker.identities.includes(task.assignee ?? '')) throw forbidden('Only the assignee or a manager may give a task back');
      unwrap(await app.engine.assignTask(task.id, null));
      return (await app.engine.getTask(task.id))!;
    },
  });

  app.post<{ Params: { id: string }; Body: { assignee: string | null } }>('/api/tasks/:id/assign', {
    config: { access: { roles: ['manager'] } },
    schema: {
      tags: ['tasks'],
      summary: 'Assign a task to a user (managers)',
      params: keyParams('id'),
      body: { type: 'object', required: ['assignee'], additionalProperties: false, properties: { assignee: { type: ['string', 'null'], minLength: 1 } } },
      response: { 200: taskSchema, 404: errorReply, 409: errorReply },
    },
    handler: async (request) => {
      unwrap(await app.engine.assignTask(request.params.id, request.body.assignee));
      return (await app.engine.getTask(request.params.id))!;
    },
  });
}

