import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { expectedVersion, ifMatchHeaders } from '../if-match.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import {
  activitySchema,
  activityWriteReply,
  completeActivityBody,
  createActivityBody,
  listActivitiesQuery,
  listActivitiesReply,
  updateActivityBody,
  type ActivityChanges,
  type ListActivitiesQuery,
  type NewActivity,
} from './activity.schemas.js';
import { listVisibleActivities, toActivityDtos } from './activities.repository.js';
import { completeActivity, createActivity, getActivity, updateActivity } from './activities.service.js';

const anyone = { access: 'authenticated' as const };
const writeReplies = { 200: activityWriteReply, ...notFoundReply, ...conflictReply, ...errorReplies } as const;

type WithVersion = { Params: { id: string }; Headers: { 'if-match'?: string } };
type Replier = { header(name: string, value: string): { send(body: unknown): unknown } };

/**
 * Calls, meetings, tasks, letters and events: every read and write runs through the
 * activity scope (activity-scope.ts). Writes take the version read (If-Match or body
 * `version`), answer with the new one as ETag, and warn when people are double-booked.
 */
export async function activitiesRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(activitySchema);
  const viewer = (request: FastifyRequest) => viewerOf(app.db, principalOf(request));
  const withEtag = (reply: Replier, activity: { version: number }) => reply.header('etag', `"${activity.version}"`).send(activity);

  app.get<{ Querystring: ListActivitiesQuery }>('/api/activities', {
    config: anyone,
    schema: { tags: ['activities'], summary: 'List, filter and sort the activities you can see', querystring: listActivitiesQuery, response: { 200: listActivitiesReply, ...errorReplies } },
    handler: async (request) => {
      const { rows, nextCursor } = await listVisibleActivities(app.db, await viewer(request), request.query);
      return { items: await toActivityDtos(app.db, rows), nextCursor };
    },
  });

  app.post<{ Body: NewActivity }>('/api/activities', {
    config: anyone,
    schema: { tags: ['activities'], summary: 'Plan (or log) a call, meeting, task, letter or event', body: createActivityBody, response: { 201: activityWriteReply, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => withEtag(reply.code(201), await createActivity(app.db, await viewer(request), request.body)),
  });

  app.get<{ Params: { id: string } }>('/api/activities/:id', {
    config: anyone,
    schema: { tags: ['activities'], summary: 'Get an activity', params: idParams, response: { 200: { $ref: 'Activity#' }, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => withEtag(reply, await getActivity(app.db, await viewer(request), request.params.id)),
  });

  app.patch<WithVersion & { Body: ActivityChanges }>('/api/activities/:id', {
    config: anyone,
    schema: { tags: ['activities'], summary: 'Change an activity: fields, status, participants, reminders', params: idParams, headers: ifMatchHeaders, body: updateActivityBody, response: writeReplies },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      return withEtag(reply, await updateActivity(app.db, await viewer(request), request.params.id, request.body, expected));
    },
  });

  app.post<WithVersion & { Body: { result: string; version?: number } }>('/api/activities/:id/complete', {
    config: anyone,
    schema: { tags: ['activities'], summary: 'Mark an activity done with its result or minutes', params: idParams, headers: ifMatchHeaders, body: completeActivityBody, response: writeReplies },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      return withEtag(reply, await completeActivity(app.db, await viewer(request), request.params.id, request.body.result, expected));
    },
  });
}
