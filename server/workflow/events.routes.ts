import type { FastifyInstance } from 'fastify';
import type { JsonObject } from '../../engine/index.js';
import { errorReply, variablesSchema } from './workflow.schemas.js';

interface MessageBody {
  messageName: string;
  correlationKey?: string | number | null;
  messageId?: string | null;
  timeToLive?: number;
  variables?: JsonObject;
}

const idList = { type: 'array', items: { type: 'string' } } as const;

/**
 * Messages and signals from outside (DESIGN's REST contract). Like starting an instance,
 * any signed-in user may send them: they are how forms, integrations and people tell
 * waiting processes that something happened.
 */
export async function eventRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: MessageBody }>('/api/messages', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['engine'],
      summary: 'Publish a message: correlated once per process to the oldest waiting subscription with its name and key; starts instances at message start events (one per business key)',
      description:
        'A catch event without a correlation key matches by name alone. `timeToLive` (ms) keeps an uncorrelated message for subscriptions that open later; `messageId` makes publishing idempotent (a repeat answers `duplicate: true` and reaches nobody).',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['messageName'],
        properties: {
          messageName: { type: 'string', minLength: 1, maxLength: 500 },
          correlationKey: { anyOf: [{ type: 'string', maxLength: 500 }, { type: 'number' }, { type: 'null' }] },
          messageId: { anyOf: [{ type: 'string', minLength: 1, maxLength: 500 }, { type: 'null' }] },
          timeToLive: { type: 'integer', minimum: 0, maximum: 31_536_000_000, description: 'Milliseconds the message waits for a subscription (default 0)' },
          variables: variablesSchema,
        },
      },
      response: {
        200: {
          type: 'object',
          properties: { messageKey: { type: ['string', 'null'] }, duplicate: { type: 'boolean' }, correlatedProcessInstanceIds: idList, startedProcessInstanceIds: idList },
        },
        400: errorReply,
        401: errorReply,
      },
    },
    handler: async (request) => {
      const { messageName, correlationKey, messageId, timeToLive, variables } = request.body;
      const outcome = await app.engine.publishMessage({
        name: messageName,
        correlationKey: correlationKey === undefined || correlationKey === null ? null : String(correlationKey),
        messageId: messageId ?? null,
        timeToLiveMs: timeToLive ?? 0,
        variables: variables ?? {},
      });
      return { messageKey: outcome.messageKey, duplicate: outcome.duplicate, correlatedProcessInstanceIds: outcome.correlatedProcessInstanceIds, startedProcessInstanceIds: outcome.startedProcessInstanceIds };
    },
  });

  app.post<{ Body: { signalName: string; variables?: JsonObject } }>('/api/signals', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['engine'],
      summary: 'Broadcast a signal to every waiting signal catch and signal start event',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['signalName'],
        properties: { signalName: { type: 'string', minLength: 1, maxLength: 500 }, variables: variablesSchema },
      },
      response: {
        200: { type: 'object', properties: { triggeredProcessInstanceIds: idList, startedProcessInstanceIds: idList } },
        400: errorReply,
        401: errorReply,
      },
    },
    handler: async (request) => {
      const outcome = await app.engine.broadcastSignal(request.body.signalName, request.body.variables ?? {});
      return { triggeredProcessInstanceIds: outcome.triggeredProcessInstanceIds, startedProcessInstanceIds: outcome.startedProcessInstanceIds };
    },
  });
}
