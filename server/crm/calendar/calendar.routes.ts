import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { errorReplies, notFoundReply } from '../shared.js';
import { DEFAULT_FEED_DAYS, userCalendarIcs } from './calendar-export.js';
import {
  calendarEntrySchema,
  calendarQuery,
  calendarReply,
  freeSlotsQuery,
  freeSlotsReply,
  icsQuery,
  icsReply,
  MAX_WINDOW_DAYS,
  type CalendarQuery,
  type FreeSlotsQuery,
} from './calendar.schemas.js';
import { calendar, findFreeSlots, windowOf } from './calendar.service.js';

const anyone = { access: 'authenticated' as const };
const DAY_MS = 86_400_000;

/** Calendars of people, units and resources; the free-slot finder; your calendar as iCalendar. */
export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(calendarEntrySchema);
  const viewer = (request: FastifyRequest) => viewerOf(app.db, principalOf(request));

  app.get<{ Querystring: CalendarQuery }>('/api/calendar', {
    config: anyone,
    schema: { tags: ['calendar'], summary: 'Activities in a time window: yours, a colleague’s, a unit’s or a resource’s', querystring: calendarQuery, response: { 200: calendarReply, ...notFoundReply, ...errorReplies } },
    handler: async (request) => calendar(app.db, await viewer(request), request.query),
  });

  app.get<{ Querystring: FreeSlotsQuery }>('/api/calendar/free-slots', {
    config: anyone,
    schema: { tags: ['calendar'], summary: 'Common free time of people and resources within working hours', querystring: freeSlotsQuery, response: { 200: freeSlotsReply, ...errorReplies } },
    handler: async (request) => findFreeSlots(app.db, await viewer(request), request.query),
  });

  app.get<{ Querystring: { from?: string; to?: string } }>('/api/calendar.ics', {
    config: anyone,
    schema: { tags: ['calendar'], summary: 'Your calendar as an iCalendar file', querystring: icsQuery, response: { 200: icsReply, ...errorReplies } },
    handler: async (request, reply) => {
      const { userId, name } = principalOf(request);
      const now = Date.now();
      const window = windowOf(request.query.from ?? new Date(now - DEFAULT_FEED_DAYS.past * DAY_MS).toISOString(), request.query.to ?? new Date(now + DEFAULT_FEED_DAYS.ahead * DAY_MS).toISOString(), MAX_WINDOW_DAYS * 2);
      const ics = await userCalendarIcs(app.db, { id: userId, name }, window);
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="calendar.ics"').send(ics);
    },
  });
}
