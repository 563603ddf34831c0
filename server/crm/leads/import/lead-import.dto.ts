import type { LeadImportProblemRow, LeadImportRow } from '../lead.tables.js';

/** An import as the API shows it: settings, counts committed so far, and progress by bytes. */
export function toImportDto(row: LeadImportRow) {
  const bytesRead = Number(row.bytes_read);
  const bytesExpected = row.bytes_expected === null ? null : Number(row.bytes_expected);
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status,
    encoding: row.encoding,
    delimiter: row.delimiter,
    mapping: row.mapping,
    source: row.source,
    sourceDetail: row.source_detail,
    ownerId: row.owner_id,
    unitId: row.unit_id,
    rowsProcessed: row.total_rows,
    imported: row.imported,
    duplicates: row.duplicates,
    rejected: row.rejected,
    bytesRead,
    bytesExpected,
    progress: row.status === 'completed' ? 1 : bytesExpected ? Math.min(1, bytesRead / bytesExpected) : null,
    error: row.error,
    createdBy: row.created_by,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

export type ImportDto = ReturnType<typeof toImportDto>;

export function toProblemDto(row: LeadImportProblemRow) {
  return { row: row.row, line: row.line, field: row.field, problem: row.problem, message: row.message, duplicateOf: row.duplicate_of, raw: row.raw };
}
