import type { FastifyInstance } from 'fastify';
import type { Role } from '../../db/tables/index.js';
import { notFound } from '../../errors.js';
import { principalOf } from '../../plugins/access.plugin.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import { findOrgUnit, listOrgUnits, toOrgUnitDto } from './org-units.repository.js';
import { createOrgUnit, deleteOrgUnit, getOrgUnit, updateOrgUnit } from './org-units.service.js';
import {
  createOrgUnitBody,
  createPositionBody,
  holderParams,
  listOrgUnitsQuery,
  listPositionsQuery,
  orgUnitSchema,
  positionSchema,
  updateOrgUnitBody,
  type OrgUnitInput,
  type PositionInput,
} from './org.schemas.js';
import { findPosition, listPositions } from './positions.repository.js';
import { addHolder, createPosition, deletePosition, removeHolder } from './positions.service.js';

const admin = { access: { roles: ['admin'] as Role[] } };
const anyone = { access: 'authenticated' as const };
const unitReply = { $ref: 'OrgUnit#' };
const positionReply = { $ref: 'Position#' };
const items = (ref: string) => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: ref } } } });

/** The org chart: admins shape it, everyone signed in may read it. */
export async function orgRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(orgUnitSchema);
  app.addSchema(positionSchema);
  const actor = (request: Parameters<typeof principalOf>[0]) => ({ userId: principalOf(request).userId, onBehalfOf: null });

  app.get<{ Querystring: { under?: string } }>('/api/org-units', {
    config: anyone,
    schema: { tags: ['org'], summary: 'List units (in tree order), optionally one subtree', querystring: listOrgUnitsQuery, response: { 200: items('OrgUnit#'), ...notFoundReply, ...errorReplies } },
    handler: async (request) => {
      const { under } = request.query;
      const root = under ? await findOrgUnit(app.db, under) : undefined;
      if (under && !root) throw notFound('Org unit', under);
      return { items: (await listOrgUnits(app.db, root?.path)).map(toOrgUnitDto) };
    },
  });

  app.post<{ Body: OrgUnitInput }>('/api/org-units', {
    config: admin,
    schema: { tags: ['org'], summary: 'Create a unit', body: createOrgUnitBody, response: { 201: unitReply, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => reply.code(201).send(await createOrgUnit(app.db, actor(request), request.body)),
  });

  app.get<{ Params: { id: string } }>('/api/org-units/:id', {
    config: anyone,
    schema: { tags: ['org'], summary: 'Get a unit', params: idParams, response: { 200: unitReply, ...notFoundReply, ...errorReplies } },
    handler: async (request) => getOrgUnit(app.db, request.params.id),
  });

  app.patch<{ Params: { id: string }; Body: Partial<OrgUnitInput> }>('/api/org-units/:id', {
    config: admin,
    schema: {
      tags: ['org'],
      summary: 'Change or move a unit (moving under its own subtree is a 409)',
      params: idParams,
      body: updateOrgUnitBody,
      response: { 200: unitReply, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request) => updateOrgUnit(app.db, actor(request), request.params.id, request.body),
  });

  app.delete<{ Params: { id: string } }>('/api/org-units/:id', {
    config: admin,
    schema: { tags: ['org'], summary: 'Delete an empty unit', params: idParams, response: { 204: { type: 'null' }, ...notFoundReply, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => {
      await deleteOrgUnit(app.db, actor(request), request.params.id);
      return reply.code(204).send();
    },
  });

  app.get<{ Querystring: { unitId?: string; userId?: string } }>('/api/positions', {
    config: anyone,
    schema: { tags: ['org'], summary: 'List positions with their holders', querystring: listPositionsQuery, response: { 200: items('Position#'), ...errorReplies } },
    handler: async (request) => ({ items: await listPositions(app.db, request.query) }),
  });

  app.post<{ Body: PositionInput }>('/api/positions', {
    config: admin,
    schema: { tags: ['org'], summary: 'Create a position in a unit', body: createPositionBody, response: { 201: positionReply, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => reply.code(201).send(await createPosition(app.db, actor(request), request.body)),
  });

  app.get<{ Params: { id: string } }>('/api/positions/:id', {
    config: anyone,
    schema: { tags: ['org'], summary: 'Get a position', params: idParams, response: { 200: positionReply, ...notFoundReply, ...errorReplies } },
    handler: async (request) => {
      const position = await findPosition(app.db, request.params.id);
      if (!position) throw notFound('Position', request.params.id);
      return position;
    },
  });

  app.delete<{ Params: { id: string } }>('/api/positions/:id', {
    config: admin,
    schema: { tags: ['org'], summary: 'Delete a position (unseating its holders)', params: idParams, response: { 204: { type: 'null' }, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => {
      await deletePosition(app.db, actor(request), request.params.id);
      return reply.code(204).send();
    },
  });

  app.put<{ Params: { id: string; userId: string } }>('/api/positions/:id/holders/:userId', {
    config: admin,
    schema: { tags: ['org'], summary: 'Seat a user in a position', params: holderParams, response: { 200: positionReply, ...notFoundReply, ...errorReplies } },
    handler: async (request) => addHolder(app.db, actor(request), request.params.id, request.params.userId),
  });

  app.delete<{ Params: { id: string; userId: string } }>('/api/positions/:id/holders/:userId', {
    config: admin,
    schema: { tags: ['org'], summary: 'Unseat a user from a position', params: holderParams, response: { 200: positionReply, ...notFoundReply, ...errorReplies } },
    handler: async (request) => removeHolder(app.db, actor(request), request.params.id, request.params.userId),
  });
}
