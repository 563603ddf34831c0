import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../../plugins/access.plugin.js';
import { viewerOf } from '../access/viewer.js';
import { expectedVersion, ifMatchHeaders, parseIfMatch } from '../if-match.js';
import { conflictReply, errorReplies, idParams, notFoundReply } from '../shared.js';
import { leadImportRoutes } from './import/lead-import.routes.js';
import { convertLead } from './lead-conversion.js';
import {
  convertBody,
  convertReply,
  createLeadBody,
  disqualifyBody,
  leadSchema,
  listLeadsQuery,
  listLeadsReply,
  statsQuery,
  statsReply,
  transitionBody,
  updateLeadBody,
  type ConvertInput,
  type LeadChanges,
  type ListLeadsQuery,
  type NewLead,
} from './lead.schemas.js';
import { stepLead, TRANSITIONS, type LeadStep } from './lead-status.js';
import { leadStats, listVisibleLeads, toLeadDto, type LeadDto } from './leads.repository.js';
import { createLead, deleteLead, getLead, updateLead } from './leads.service.js';

const anyone = { access: 'authenticated' as const };
const leadReply = { $ref: 'Lead#' } as const;
const writeReplies = { 200: leadReply, ...notFoundReply, ...conflictReply, ...errorReplies } as const;
const STEP_SUMMARIES: Record<LeadStep, string> = {
  contact: 'Mark a new lead as contacted',
  qualify: 'Qualify a new or contacted lead',
  disqualify: 'Disqualify a lead, with the reason (mandatory)',
  reopen: 'Reopen a disqualified lead into the inbox',
};

type WithVersion = { Params: { id: string }; Headers: { 'if-match'?: string } };

/**
 * Leads: the inbox of unchecked contacts, kept apart from customers until converted. Every
 * read and write runs through the lead scope (lead-scope.ts: the customer rule over the
 * lead's owner and unit); writes take the version read (If-Match or body `version`).
 */
export async function leadsRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(leadSchema);
  const viewer = (request: FastifyRequest) => viewerOf(app.db, principalOf(request));
  const withEtag = (reply: FastifyReply, lead: LeadDto) => reply.header('etag', `"${lead.version}"`).send(lead);

  app.get<{ Querystring: ListLeadsQuery }>('/api/leads', {
    config: anyone,
    schema: { tags: ['leads'], summary: 'List, filter and search your leads', querystring: listLeadsQuery, response: { 200: listLeadsReply, ...errorReplies } },
    handler: async (request) => {
      const { rows, nextCursor } = await listVisibleLeads(app.db, await viewer(request), request.query);
      return { items: rows.map(toLeadDto), nextCursor };
    },
  });

  app.get<{ Querystring: { from?: string; to?: string } }>('/api/leads/stats', {
    config: anyone,
    schema: { tags: ['leads'], summary: 'Your leads per channel and status, created in [from, to)', querystring: statsQuery, response: { 200: statsReply, ...errorReplies } },
    handler: async (request) => {
      const { from, to } = request.query;
      return leadStats(app.db, await viewer(request), from ? new Date(from) : undefined, to ? new Date(to) : undefined);
    },
  });

  app.post<{ Body: NewLead }>('/api/leads', {
    config: anyone,
    schema: { tags: ['leads'], summary: 'Put a lead into the inbox', body: createLeadBody, response: { 201: leadReply, ...errorReplies } },
    handler: async (request, reply) => withEtag(reply.code(201), await createLead(app.db, await viewer(request), request.body)),
  });

  app.get<{ Params: { id: string } }>('/api/leads/:id', {
    config: anyone,
    schema: { tags: ['leads'], summary: 'Get a lead', params: idParams, response: { 200: leadReply, ...notFoundReply, ...errorReplies } },
    handler: async (request, reply) => withEtag(reply, await getLead(app.db, await viewer(request), request.params.id)),
  });

  app.patch<WithVersion & { Body: LeadChanges }>('/api/leads/:id', {
    config: anyone,
    schema: { tags: ['leads'], summary: 'Change a lead (not its status)', params: idParams, headers: ifMatchHeaders, body: updateLeadBody, response: writeReplies },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      return withEtag(reply, await updateLead(app.db, await viewer(request), request.params.id, request.body, expected));
    },
  });

  app.delete<WithVersion>('/api/leads/:id', {
    config: anyone,
    schema: { tags: ['leads'], summary: 'Delete a lead that was not converted (If-Match optional)', params: idParams, headers: ifMatchHeaders, response: { 204: { type: 'null' }, ...notFoundReply, ...conflictReply, ...errorReplies } },
    handler: async (request, reply) => {
      await deleteLead(app.db, await viewer(request), request.params.id, parseIfMatch(request.headers['if-match']));
      return reply.code(204).send();
    },
  });

  for (const step of Object.keys(TRANSITIONS) as LeadStep[]) {
    app.post<WithVersion & { Body: { version?: number; reason?: string } }>(`/api/leads/:id/${step}`, {
      config: anyone,
      schema: {
        tags: ['leads'],
        summary: STEP_SUMMARIES[step],
        description: `Allowed from: ${TRANSITIONS[step].from.join(', ')}; otherwise 409 SRV_ERR_LEAD_TRANSITION.`,
        params: idParams,
        headers: ifMatchHeaders,
        body: step === 'disqualify' ? disqualifyBody : transitionBody,
        response: writeReplies,
      },
      handler: async (request, reply) => {
        const body = request.body ?? {};
        const expected = expectedVersion(request.headers['if-match'], body.version);
        return withEtag(reply, await stepLead(app.db, await viewer(request), request.params.id, step, expected, body.reason));
      },
    });
  }

  app.post<WithVersion & { Body: ConvertInput }>('/api/leads/:id/convert', {
    config: anyone,
    schema: {
      tags: ['leads'],
      summary: 'Convert a lead into a customer (new or existing), its contact and optionally a deal — all or nothing',
      params: idParams,
      headers: ifMatchHeaders,
      body: convertBody,
      response: { 200: convertReply, ...notFoundReply, ...conflictReply, ...errorReplies },
    },
    handler: async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], request.body.version);
      const result = await convertLead(app.db, await viewer(request), request.params.id, request.body, expected);
      return reply.header('etag', `"${result.lead.version}"`).send(result);
    },
  });

  await app.register(leadImportRoutes);
}
