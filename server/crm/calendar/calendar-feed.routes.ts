import type { FastifyInstance } from 'fastify';
import { notFound } from '../../errors.js';
import { principalOf } from '../../plugins/access.plugin.js';
import { errorReplies, notFoundReply } from '../shared.js';
import { DEFAULT_FEED_DAYS, userCalendarIcs } from './calendar-export.js';
import { icsReply } from './calendar.schemas.js';
import { feedOwner, feedStatus, regenerateFeedToken, revokeFeedToken } from './calendar-feed.service.js';

const anyone = { access: 'authenticated' as const };
const DAY_MS = 86_400_000;
const feedPath = (token: string) => `/api/calendar/feed/${token}.ics`;

/**
 * The subscribe URL for Outlook / Google Calendar: `/api/calendar/feed/<token>.ics`, public
 * but authorised by the unguessable per-user token in it (calendar-feed.service.ts). The
 * token is shown once, when (re)generated; regenerating revokes the previous URL.
 */
export async function calendarFeedRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/calendar/feed', {
    config: anyone,
    schema: {
      tags: ['calendar'],
      summary: 'Whether your calendar feed is active (the token itself is not kept)',
      response: { 200: { type: 'object', required: ['active', 'createdAt'], properties: { active: { type: 'boolean' }, createdAt: { type: ['string', 'null'], format: 'date-time' } } }, ...errorReplies },
    },
    handler: async (request) => feedStatus(app.db, principalOf(request).userId),
  });

  app.post('/api/calendar/feed', {
    config: anyone,
    schema: {
      tags: ['calendar'],
      summary: 'Create or regenerate your calendar feed URL (revokes the previous one)',
      response: {
        201: { type: 'object', required: ['url', 'path', 'createdAt'], properties: { url: { type: 'string' }, path: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } } },
        ...errorReplies,
      },
    },
    handler: async (request, reply) => {
      const { token, createdAt } = await regenerateFeedToken(app.db, principalOf(request).userId);
      const path = feedPath(token);
      return reply.code(201).header('cache-control', 'no-store').send({ url: `${request.protocol}://${request.host}${path}`, path, createdAt });
    },
  });

  app.delete('/api/calendar/feed', {
    config: anyone,
    schema: { tags: ['calendar'], summary: 'Revoke your calendar feed URL', response: { 204: { type: 'null' }, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      await revokeFeedToken(app.db, principalOf(request).userId);
      return reply.code(204).send();
    },
  });

  app.get<{ Params: { token: string } }>('/api/calendar/feed/:token.ics', {
    config: { access: 'public' },
    schema: {
      tags: ['calendar'],
      summary: 'A user’s calendar feed (iCalendar), authorised by the token in the URL',
      params: { type: 'object', required: ['token'], properties: { token: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$' } } },
      response: { 200: icsReply, ...notFoundReply, ...errorReplies },
    },
    handler: async (request, reply) => {
      const owner = await feedOwner(app.db, request.params.token);
      // Unknown, revoked and malformed-but-valid-looking tokens look the same: no oracle.
      if (!owner) throw notFound('Calendar feed', 'the token');
      const now = Date.now();
      const ics = await userCalendarIcs(app.db, owner, { from: new Date(now - DEFAULT_FEED_DAYS.past * DAY_MS), to: new Date(now + DEFAULT_FEED_DAYS.ahead * DAY_MS) });
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(ics);
    },
  });
}
