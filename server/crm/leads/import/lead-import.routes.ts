import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../../errors.js';
import { principalOf } from '../../../plugins/access.plugin.js';
import { isManagerOf } from '../../access/managers.js';
import { viewerOf, type Viewer } from '../../access/viewer.js';
import { errorReplies, idParams, invalidField, notFoundReply } from '../../shared.js';
import { LEAD_SOURCES, type LeadImportRow, type LeadSource } from '../lead.tables.js';
import { toImportDto, toProblemDto } from './lead-import.dto.js';
import { findImport, listImports, listProblems } from './lead-import.repository.js';
import { importFormDescription, leadImportSchema, listImportsQuery, listImportsReply, reportQuery, reportReply } from './lead-import.schemas.js';
import { importLeads, type ImportSettings } from './lead-import.service.js';
import { parseMapping } from './row-mapper.js';
import { InputError } from './text-lines.js';

const anyone = { access: 'authenticated' as const };
const MAX_FILE_BYTES = 2 * 1024 ** 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELDS = ['mapping', 'encoding', 'delimiter', 'ownerId', 'unitId', 'source', 'sourceDetail', 'importId'] as const;

/**
 * CSV import of leads (multipart, streamed) and the imports' progress and reports. An import
 * is visible to whoever started it, their managers, and admins.
 */
export async function leadImportRoutes(app: FastifyInstance): Promise<void> {
  // Registered here, so only this plugin's routes accept multipart bodies.
  await app.register(multipart, { limits: { files: 1, fields: 20, fieldSize: 64 * 1024, fileSize: MAX_FILE_BYTES, parts: 30 } });
  app.addSchema(leadImportSchema);
  const viewer = (request: FastifyRequest) => viewerOf(app.db, principalOf(request));

  app.post('/api/leads/import', {
    config: anyone,
    schema: { tags: ['leads'], summary: 'Import leads from a CSV file (streamed; answers when done)', description: importFormDescription, consumes: ['multipart/form-data'], response: { 201: { $ref: 'LeadImport#' }, ...errorReplies } },
    handler: async (request, reply) => {
      if (!request.isMultipart()) throw new AppError('SRV_ERR_UNSUPPORTED_MEDIA_TYPE', 'Send the CSV as multipart/form-data: the fields (mapping, …) first, then the file');
      const me = await viewer(request);
      const fields: Partial<Record<(typeof FIELDS)[number], string>> = {};
      let result: Awaited<ReturnType<typeof importLeads>> | undefined;
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (result) continue;
          if (!(FIELDS as readonly string[]).includes(part.fieldname)) throw invalidField(`body.${part.fieldname}`, `is not a field of an import (${FIELDS.join(', ')}, file)`);
          fields[part.fieldname as (typeof FIELDS)[number]] = String(part.value);
          continue;
        }
        if (result) throw invalidField('body.file', 'only one file per import');
        const settings = settingsOf(fields, part.filename, Number(request.headers['content-length']) || null);
        result = await importLeads(app.db, me, settings, guardSize(part));
      }
      if (!result) throw invalidField('body.file', 'is required: the CSV file, after the other fields');
      return reply.code(201).send(result);
    },
  });

  app.get<{ Querystring: { limit: number; after?: string } }>('/api/leads/imports', {
    config: anyone,
    schema: { tags: ['leads'], summary: 'Your lead imports, newest first (admins: everyone’s)', querystring: listImportsQuery, response: { 200: listImportsReply, ...errorReplies } },
    handler: async (request) => {
      const me = await viewer(request);
      const { rows, nextCursor } = await listImports(app.db, me.isAdmin ? null : me.userId, request.query.limit, request.query.after);
      return { items: rows.map(toImportDto), nextCursor };
    },
  });

  app.get<{ Params: { id: string } }>('/api/leads/imports/:id', {
    config: anyone,
    schema: { tags: ['leads'], summary: 'An import with its counts so far (poll it while the upload runs)', params: idParams, response: { 200: { $ref: 'LeadImport#' }, ...notFoundReply, ...errorReplies } },
    handler: async (request) => toImportDto(await visibleImport(app, await viewer(request), request.params.id)),
  });

  app.get<{ Params: { id: string }; Querystring: { problem?: string; limit: number; after?: string } }>('/api/leads/imports/:id/report', {
    config: anyone,
    schema: { tags: ['leads'], summary: 'The rows an import rejected or found duplicate, in file order', params: idParams, querystring: reportQuery, response: { 200: reportReply, ...notFoundReply, ...errorReplies } },
    handler: async (request) => {
      const found = await visibleImport(app, await viewer(request), request.params.id);
      const { rows, nextCursor } = await listProblems(app.db, found.id, request.query);
      return { items: rows.map(toProblemDto), nextCursor };
    },
  });
}

async function visibleImport(app: FastifyInstance, viewer: Viewer, id: string): Promise<LeadImportRow> {
  const found = await findImport(app.db, id);
  const visible = found && (viewer.isAdmin || viewer.actorIds.includes(found.created_by) || (await isManagerOf(app.db, viewer.userId, found.created_by)));
  if (!visible) throw notFound('Lead import', id);
  return found;
}

/** The form fields, checked like a schema would (each failure names its field). */
function settingsOf(fields: Partial<Record<(typeof FIELDS)[number], string>>, fileName: string, bytesExpected: number | null): ImportSettings {
  const uuid = (name: 'ownerId' | 'unitId' | 'importId') => {
    const value = fields[name];
    if (value !== undefined && !UUID.test(value)) throw invalidField(`body.${name}`, 'must be a UUID');
    return value;
  };
  const source = (fields.source ?? 'import') as LeadSource;
  if (!LEAD_SOURCES.includes(source)) throw invalidField('body.source', `must be one of ${LEAD_SOURCES.join(', ')}`);
  if ((fields.sourceDetail?.length ?? 0) > 200) throw invalidField('body.sourceDetail', 'must be at most 200 characters');
  return {
    importId: uuid('importId'),
    fileName: (fileName || 'upload.csv').slice(0, 255),
    mapping: parseMapping(fields.mapping),
    encoding: fields.encoding?.trim() || 'utf-8',
    delimiter: fields.delimiter === 'tab' ? '\t' : fields.delimiter,
    ownerId: uuid('ownerId'),
    unitId: uuid('unitId'),
    source,
    sourceDetail: fields.sourceDetail?.trim() || null,
    bytesExpected,
  };
}

/** The file's bytes; a file cut off at the size limit fails the import rather than passing for whole. */
async function* guardSize(part: MultipartFile): AsyncGenerator<Buffer> {
  for await (const chunk of part.file) yield chunk as Buffer;
  if (part.file.truncated) throw new InputError(`the file is larger than ${MAX_FILE_BYTES / 1024 ** 3} GB`);
}
