import { IMPORT_STATUSES, LEAD_SOURCES } from '../lead.tables.js';
import { MAPPABLE_FIELDS } from './row-mapper.js';

const uuid = { type: 'string', format: 'uuid' } as const;

const importProperties = {
  id: uuid,
  fileName: { type: 'string' },
  status: { type: 'string', enum: [...IMPORT_STATUSES] },
  encoding: { type: 'string' },
  delimiter: { type: 'string' },
  mapping: { type: 'object', additionalProperties: { type: 'string' } },
  source: { type: 'string', enum: [...LEAD_SOURCES] },
  sourceDetail: { type: ['string', 'null'] },
  ownerId: uuid,
  unitId: { type: ['string', 'null'], format: 'uuid' },
  rowsProcessed: { type: 'integer', description: 'Data rows read and committed so far (= imported + duplicates + rejected)' },
  imported: { type: 'integer' },
  duplicates: { type: 'integer' },
  rejected: { type: 'integer' },
  bytesRead: { type: 'integer' },
  bytesExpected: { type: ['integer', 'null'], description: 'The upload’s size as announced (Content-Length), when it was' },
  progress: { type: ['number', 'null'], description: '0..1 by bytes, while running' },
  error: { type: ['string', 'null'], description: 'Why a failed import stopped (the rows committed before stay)' },
  createdBy: uuid,
  startedAt: { type: 'string', format: 'date-time' },
  finishedAt: { type: ['string', 'null'], format: 'date-time' },
} as const;

export const leadImportSchema = { $id: 'LeadImport', type: 'object', required: Object.keys(importProperties), properties: importProperties } as const;

/** Documents the multipart form (validation is the route's own: it streams, fastify never sees a body). */
export const importFormDescription = [
  'multipart/form-data; the fields must come BEFORE the file part (the file is read as it arrives):',
  '- `mapping` (required): JSON {"CSV column": "lead field"}; fields: ' + MAPPABLE_FIELDS.join(', ') + ', customData.<key>. A name column and an e-mail or phone column are required.',
  '- `source`: channel (' + LEAD_SOURCES.join(', ') + '; default import); `sourceDetail`: e.g. the fair or list name',
  '- `encoding`: utf-8 (default), windows-1250, windows-1251, iso-8859-2, … ; `delimiter`: , ; | or tab (default: detected from the header)',
  '- `ownerId` (default you), `unitId` (default the owner’s unit); `importId`: a UUID you choose, to read progress while the upload runs',
  '- `file`: the CSV, header row first.',
  'Answers when the whole file is read, with the counts; GET /api/leads/imports/{id}/report lists the rejected and duplicate rows.',
].join('\n');

export const listImportsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, after: { type: 'string', maxLength: 500 } },
} as const;

export const listImportsReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: { $ref: 'LeadImport#' } }, nextCursor: { type: ['string', 'null'] } },
} as const;

export const reportQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    problem: { type: 'string', maxLength: 50, description: 'Only this problem, e.g. duplicate, invalid_email, column_count, encoding, unclosed_quote' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    after: { type: 'string', maxLength: 500, description: 'The nextCursor of the previous page' },
  },
} as const;

export const reportReply = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['row', 'line', 'field', 'problem', 'message', 'duplicateOf', 'raw'],
        properties: {
          row: { type: 'integer', description: 'Row as a spreadsheet numbers it (header = 1)' },
          line: { type: 'integer', description: 'Line of the file where the row starts' },
          field: { type: ['string', 'null'], description: 'The lead field (null: the whole row)' },
          problem: { type: 'string' },
          message: { type: 'string' },
          duplicateOf: { type: ['string', 'null'], format: 'uuid', description: 'The lead already holding this row' },
          raw: { type: ['string', 'null'], description: 'The row as read (up to 1000 characters)' },
        },
      },
    },
    nextCursor: { type: ['string', 'null'] },
  },
} as const;
