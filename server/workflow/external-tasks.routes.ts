import type { FastifyInstance } from 'fastify';
import type { JsonObject, TopicRequest } from '../../engine/index.js';
import type { Role } from '../db/tables/index.js';
import { AppError } from '../errors.js';
import { unwrap } from './engine-errors.js';
import {
  bpmnErrorBody,
  completeBody,
  externalTaskSchema,
  extendLockBody,
  failureBody,
  fetchAndLockBody,
  listQuery,
  lockedTaskSchema,
  lockExtendedSchema,
} from './external-tasks.schemas.js';
import { pollForWork } from './job-wakeups.js';
import { errorReply, keyParams } from './workflow.schemas.js';

/** Workers run with `integration` accounts (or as admins). Overseers (managers, designers) may look at the queue. */
const workers = { access: { roles: ['integration'] as Role[] } };
const overseers = { access: { roles: ['manager', 'designer', 'integration'] as Role[] } };
/** Releasing someone else's lock is an administrator's call. */
const administrators = { access: { roles: ['admin'] as Role[] } };
const reportReplies = { 204: { type: 'null' }, 400: errorReply, 401: errorReply, 403: errorReply, 404: errorReply, 409: errorReply } as const;

interface FetchBody {
  workerId: string;
  maxTasks: number;
  usePriority?: boolean;
  asyncResponseTimeout: number;
  topics: TopicRequest[];
}

/**
 * External tasks (Camunda 7's REST API): workers outside the server fetch service-task
 * jobs by topic under a lock, with long polling, and report completion, failure or a
 * BPMN error while they hold the lock.
 */
export async function externalTaskRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: FetchBody }>('/api/external-tasks/fetch-and-lock', {
    config: workers,
    schema: {
      tags: ['external tasks'],
      summary: 'Fetch and lock due tasks of some topics; with asyncResponseTimeout, wait for one to appear (long polling)',
      body: fetchAndLockBody,
      response: { 200: { type: 'array', items: lockedTaskSchema }, 400: errorReply, 401: errorReply, 403: errorReply },
    },
    handler: async (request, reply) => {
      const { workerId, maxTasks, topics, asyncResponseTimeout } = request.body;
      assertUniqueTopics(topics);
      // The client going away ends the wait, so its request holds nothing.
      const gone = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableFinished) gone.abort();
      };
      reply.raw.on('close', onClose);
      try {
        return await pollForWork(app.jobWakeups, {
          types: topics.map((t) => t.topicName),
          timeoutMs: asyncResponseTimeout,
          signal: gone.signal,
          fetch: () => app.engine.externalTasks.fetchAndLock({ workerId, maxTasks, topics }),
          nextDueIn: () => app.engine.externalTasks.nextDueIn(topics.map((t) => t.topicName)),
        });
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  });

  app.get<{ Querystring: { topicName?: string; workerId?: string; locked?: boolean; processInstanceId?: string; limit: number; after?: string } }>('/api/external-tasks', {
    config: overseers,
    schema: {
      tags: ['external tasks'],
      summary: 'Service-task jobs, oldest first (the next page: `after` = the header x-next-cursor)',
      querystring: listQuery,
      response: { 200: { type: 'array', items: externalTaskSchema }, 400: errorReply, 401: errorReply, 403: errorReply },
    },
    handler: async (request, reply) => {
      const page = await app.engine.externalTasks.list(request.query);
      if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
      return page.items;
    },
  });

  app.post<{ Params: { id: string }; Body: { workerId: string; variables?: JsonObject } }>('/api/external-tasks/:id/complete', {
    config: workers,
    schema: { tags: ['external tasks'], summary: 'Complete a locked task with variables', params: keyParams('id'), body: completeBody, response: reportReplies },
    handler: async (request, reply) => {
      unwrap(await app.engine.externalTasks.complete(request.params.id, request.body.workerId, request.body.variables ?? {}));
      return reply.code(204).send();
    },
  });

  app.post<{ Params: { id: string }; Body: { workerId: string; errorMessage?: string; errorDetails?: string; retries: number; retryTimeout?: number } }>('/api/external-tasks/:id/failure', {
    config: workers,
    schema: {
      tags: ['external tasks'],
      summary: 'Report a failure: with retries left the task may be fetched again after retryTimeout; at 0 an incident is raised',
      params: keyParams('id'),
      body: failureBody,
      response: reportReplies,
    },
    handler: async (request, reply) => {
      const { workerId, errorMessage, errorDetails, retries, retryTimeout } = request.body;
      unwrap(await app.engine.externalTasks.fail(request.params.id, workerId, { errorMessage, errorDetails, retries, retryTimeout }));
      return reply.code(204).send();
    },
  });

  app.post<{ Params: { id: string }; Body: { workerId: string; errorCode: string; errorMessage?: string; variables?: JsonObject } }>('/api/external-tasks/:id/bpmn-error', {
    config: workers,
    schema: {
      tags: ['external tasks'],
      summary: 'Throw a BPMN error from a locked task (an incident while no error event catches it)',
      params: keyParams('id'),
      body: bpmnErrorBody,
      response: reportReplies,
    },
    handler: async (request, reply) => {
      const { workerId, ...error } = request.body;
      unwrap(await app.engine.externalTasks.bpmnError(request.params.id, workerId, error));
      return reply.code(204).send();
    },
  });

  app.post<{ Params: { id: string }; Body: { workerId: string; newDuration: number } }>('/api/external-tasks/:id/extend-lock', {
    config: workers,
    schema: {
      tags: ['external tasks'],
      summary: 'Extend the lock of a task you hold: it runs out newDuration ms from now',
      params: keyParams('id'),
      body: extendLockBody,
      response: { 200: lockExtendedSchema, 400: errorReply, 401: errorReply, 403: errorReply, 404: errorReply, 409: errorReply },
    },
    handler: async (request) => {
      const extended = unwrap(await app.engine.externalTasks.extendLock(request.params.id, request.body.workerId, request.body.newDuration));
      return { id: request.params.id, lockExpirationTime: extended.lockExpirationTime };
    },
  });

  app.post<{ Params: { id: string } }>('/api/external-tasks/:id/unlock', {
    config: administrators,
    schema: {
      tags: ['external tasks'],
      summary: 'Release the lock of a task whoever holds it (administrators): it can be fetched again at once',
      params: keyParams('id'),
      response: { 204: { type: 'null' }, 401: errorReply, 403: errorReply, 404: errorReply, 409: errorReply },
    },
    handler: async (request, reply) => {
      const unlocked = unwrap(await app.engine.externalTasks.unlock(request.params.id));
      app.jobWakeups.announce([unlocked.topicName]);
      return reply.code(204).send();
    },
  });
}

/** Two topics with one name would claim the same jobs twice under different locks. */
function assertUniqueTopics(topics: readonly TopicRequest[]): void {
  const seen = new Set<string>();
  topics.forEach((topic, index) => {
    if (seen.has(topic.topicName)) {
      throw new AppError('SRV_ERR_VALIDATION', `Topic '${topic.topicName}' is named twice`, {
        fields: [{ field: `body.topics.${index}.topicName`, message: 'must be unique within the request' }],
      });
    }
    seen.add(topic.topicName);
  });
}
