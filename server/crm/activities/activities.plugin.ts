import type { FastifyInstance } from 'fastify';
import { calendarFeedRoutes } from '../calendar/calendar-feed.routes.js';
import { calendarRoutes } from '../calendar/calendar.routes.js';
import { remindersRoutes } from '../reminders/reminders.routes.js';
import { resourcesRoutes } from '../resources/resources.routes.js';
import { activitiesRoutes } from './activities.routes.js';

/** Activities and what hangs off them: bookable resources, calendars and feeds, reminders. */
export async function activitiesPlugin(app: FastifyInstance): Promise<void> {
  await app.register(resourcesRoutes);
  await app.register(activitiesRoutes);
  await app.register(calendarRoutes);
  await app.register(calendarFeedRoutes);
  await app.register(remindersRoutes);
}
