import type { FastifyInstance } from 'fastify';
import { principalOf } from '../../plugins/access.plugin.js';
import { errorReplies, idParams, notFoundReply } from '../shared.js';
import { listMyReminders, toReminderDto } from './reminders.repository.js';
import { dismissReminder } from './reminders.service.js';

const anyone = { access: 'authenticated' as const };

const reminderSchema = {
  $id: 'Reminder',
  type: 'object',
  required: ['id', 'activityId', 'subject', 'kind', 'startsAt', 'minutesBefore', 'remindAt', 'sentAt', 'dismissedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    activityId: { type: 'string', format: 'uuid' },
    subject: { type: 'string' },
    kind: { type: 'string' },
    startsAt: { type: 'string', format: 'date-time', description: 'The activity’s start, or its deadline' },
    minutesBefore: { type: 'integer' },
    remindAt: { type: 'string', format: 'date-time' },
    sentAt: { type: ['string', 'null'], format: 'date-time', description: 'When it was pushed live (reminder.due)' },
    dismissedAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    due: { type: 'boolean', description: 'true: only those whose time has come; false: only upcoming; unset: both' },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page' },
  },
} as const;

/** Your reminders of planned activities (not dismissed), soonest first, and dismissing one. */
export async function remindersRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(reminderSchema);

  app.get<{ Querystring: { due?: boolean; limit: number; after?: string } }>('/api/reminders', {
    config: anyone,
    schema: {
      tags: ['reminders'],
      summary: 'List your reminders',
      querystring: listQuery,
      response: { 200: { type: 'object', required: ['items', 'nextCursor'], properties: { items: { type: 'array', items: { $ref: 'Reminder#' } }, nextCursor: { type: ['string', 'null'] } } }, ...errorReplies },
    },
    handler: async (request) => {
      const { rows, nextCursor } = await listMyReminders(app.db, principalOf(request).userId, request.query);
      return { items: rows.map(toReminderDto), nextCursor };
    },
  });

  app.post<{ Params: { id: string } }>('/api/reminders/:id/dismiss', {
    config: anyone,
    schema: { tags: ['reminders'], summary: 'Dismiss one of your reminders', params: idParams, response: { 200: { $ref: 'Reminder#' }, ...notFoundReply, ...errorReplies } },
    handler: async (request) => dismissReminder(app.db, principalOf(request).userId, request.params.id),
  });
}
