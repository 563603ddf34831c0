import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/tables/index.js';
import { AppError, forbidden } from '../../../errors.js';
import type { Viewer } from '../../access/viewer.js';
import { recordAudit, type Actor } from '../../audit/audit-log.repository.js';
import { invalidField } from '../../shared.js';
import { actingForNewLead } from '../lead-scope.js';
import type { LeadSource } from '../lead.tables.js';
import { checkOwnerAndUnit } from '../leads.service.js';
import { CsvRecordReader, sniffDelimiter, type CsvRecord } from './csv-records.js';
import { insertImport, insertLeadBatch, insertProblems, saveCounts, type ImportCounts, type PendingLead, type ProblemRow } from './lead-import.repository.js';
import { toImportDto, type ImportDto } from './lead-import.dto.js';
import { bindMapping, mapRecord, type BoundMapping } from './row-mapper.js';
import { decoderFor, InputError, lineBatches } from './text-lines.js';

type Db = Kysely<Database>;

/** Rows per INSERT and per transaction; progress is also committed at least every second. */
const BATCH_ROWS = 500;
const FLUSH_EVERY_MS = 1000;
const RAW_CHARS = 1000;

export interface ImportSettings {
  importId?: string | undefined;
  fileName: string;
  mapping: Record<string, string>;
  encoding: string;
  delimiter?: string | undefined;
  ownerId?: string | undefined;
  unitId?: string | null | undefined;
  source: LeadSource;
  sourceDetail?: string | null | undefined;
  bytesExpected?: number | null | undefined;
}

/**
 * Imports a CSV file as it streams in: decode → lines → records → mapped, checked rows →
 * batches. Each batch (its leads, its report rows and the import's counters) is one
 * transaction, so a row is never half-written and another request reads the progress as it
 * commits. Bad rows go into the report with their row, field and problem; rows seen before
 * (in this file or an earlier import) are reported as `duplicate` with the lead holding them.
 * The whole import is audited once at its start and once at its end (its leads carry the
 * import id and row). Problems of the request itself (mapping, header) are a 400 before
 * anything is written; a failure mid-way keeps the committed batches and marks it failed.
 */
export async function importLeads(db: Db, viewer: Viewer, settings: ImportSettings, file: AsyncIterable<Buffer>): Promise<ImportDto> {
  const decoder = decoderFor(settings.encoding);
  const ownerId = settings.ownerId ?? viewer.userId;
  const unitId = await checkOwnerAndUnit(db, ownerId, settings.unitId);
  const acting = await actingForNewLead(db, viewer, ownerId, unitId);
  if (!acting) throw forbidden('The imported leads would lie outside your scope: own them yourself, or share them with one of your units');
  const actor: Actor = { userId: viewer.userId, onBehalfOf: acting.onBehalfOf };
  if (settings.delimiter !== undefined && ![',', ';', '\t', '|'].includes(settings.delimiter)) throw invalidField('body.delimiter', "must be ',', ';', '|' or a tab");

  const counts: ImportCounts = { total: 0, imported: 0, duplicates: 0, rejected: 0, bytes: 0 };
  const batches = lineBatches(file, decoder, counts)[Symbol.asyncIterator]();
  const { reader, header, backlog, delimiter } = await readHeader(batches, settings.delimiter);
  const mapping = bindMapping(settings.mapping, header);

  const importId = settings.importId ?? randomUUID();
  const common = { importId, source: settings.source, sourceDetail: settings.sourceDetail ?? null, ownerId, unitId, createdBy: viewer.userId };
  await db.transaction().execute(async (trx) => {
    if (settings.importId && (await trx.selectFrom('lead_imports').select('id').where('id', '=', importId).executeTakeFirst())) {
      throw new AppError('SRV_ERR_CONFLICT', `Import '${importId}' exists already: send a new importId`);
    }
    const row = await insertImport(trx, {
      id: importId,
      file_name: settings.fileName,
      encoding: settings.encoding,
      delimiter,
      mapping: JSON.stringify(settings.mapping),
      source: settings.source,
      source_detail: common.sourceDetail,
      owner_id: ownerId,
      unit_id: unitId,
      bytes_read: counts.bytes,
      bytes_expected: settings.bytesExpected ?? null,
      created_by: viewer.userId,
      started_at: new Date(),
    });
    await recordAudit(trx, actor, { entityType: 'lead_import', entityId: importId, action: 'start', after: toImportDto(row) });
  });

  const batch = new Batch(db, common, counts, mapping, { encoding: settings.encoding, delimiter });
  try {
    for (const record of backlog) await batch.add(record);
    for (let next = await batches.next(); !next.done; next = await batches.next()) {
      for (const line of next.value) for (const record of reader.push(line)) await batch.add(record);
    }
    for (const record of reader.end()) await batch.add(record);
  } catch (error) {
    const message = error instanceof InputError ? error.message : 'the upload broke off or the server failed: the rows committed so far stay imported';
    await batch.finish(actor, { status: 'failed', error: message }).catch(() => undefined);
    if (error instanceof InputError) throw invalidField('body.file', error.message);
    throw error;
  }
  return toImportDto(await batch.finish(actor, { status: 'completed' }));
}

/** Reads up to the header record (the first non-blank one) and picks the delimiter from its line. */
async function readHeader(batches: AsyncIterator<string[]>, given: string | undefined) {
  let reader: CsvRecordReader | undefined;
  let delimiter = given ?? ',';
  for (let next = await batches.next(); !next.done; next = await batches.next()) {
    for (const [i, line] of next.value.entries()) {
      if (!reader) {
        if (line.trim() === '') continue;
        delimiter = given ?? sniffDelimiter(line);
        reader = new CsvRecordReader(delimiter);
      }
      const records = reader.push(line);
      const header = records[0];
      if (!header) continue;
      if (!('fields' in header)) throw invalidField('body.file', `the header row cannot be read: ${header.message}`);
      reader.width = header.fields.length;
      const backlog: CsvRecord[] = records.slice(1);
      for (const rest of next.value.slice(i + 1)) backlog.push(...reader.push(rest));
      return { reader, header: header.fields, backlog, delimiter };
    }
  }
  throw invalidField('body.file', 'is empty: expected a header row naming the columns, then one row per lead');
}

/** The rows of the current batch and their report, written together. */
class Batch {
  private leads: PendingLead[] = [];
  private problems: ProblemRow[] = [];
  private lastFlush = Date.now();
  /** The counts as last committed: what a failed import reports. */
  private committed: ImportCounts;

  constructor(
    private readonly db: Db,
    private readonly common: Parameters<typeof insertLeadBatch>[2],
    private readonly counts: ImportCounts,
    private readonly mapping: BoundMapping,
    private readonly file: { encoding: string; delimiter: string },
  ) {
    this.committed = { ...counts };
  }

  async add(record: CsvRecord): Promise<void> {
    this.counts.total++;
    if (!('fields' in record)) {
      this.reject(record.row, record.line, [{ field: null, problem: record.problem, message: record.message }], record.raw);
    } else {
      const mapped = mapRecord(this.mapping, record.fields, this.file.encoding);
      if ('problems' in mapped) this.reject(record.row, record.line, mapped.problems, record.fields.join(this.file.delimiter));
      else this.leads.push({ id: randomUUID(), row: record.row, line: record.line, ...mapped });
    }
    if (this.leads.length >= BATCH_ROWS || this.problems.length >= BATCH_ROWS || Date.now() - this.lastFlush >= FLUSH_EVERY_MS) await this.flush();
  }

  /** Completed: the last rows are written with the final counts. Failed: only what was committed counts. */
  async finish(actor: Actor, outcome: { status: 'completed' | 'failed'; error?: string }) {
    return this.db.transaction().execute(async (trx) => {
      if (outcome.status === 'completed') await this.write(trx);
      const counts = outcome.status === 'completed' ? this.counts : { ...this.committed, bytes: this.counts.bytes };
      const row = await saveCounts(trx, this.common.importId, counts, outcome);
      await recordAudit(trx, actor, { entityType: 'lead_import', entityId: this.common.importId, action: outcome.status === 'completed' ? 'complete' : 'fail', after: toImportDto(row) });
      return row;
    });
  }

  private async flush(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await this.write(trx);
      await saveCounts(trx, this.common.importId, this.counts);
    });
    this.committed = { ...this.counts };
    this.lastFlush = Date.now();
  }

  /** Leads first (the unique index sorts out earlier imports), then the report rows. */
  private async write(trx: Db): Promise<void> {
    const firstOfBatch = new Map<string, PendingLead>();
    const unique: PendingLead[] = [];
    const repeats: PendingLead[] = [];
    for (const lead of this.leads) {
      if (firstOfBatch.has(lead.fingerprint)) repeats.push(lead);
      else {
        firstOfBatch.set(lead.fingerprint, lead);
        unique.push(lead);
      }
    }
    const heldBy = await insertLeadBatch(trx, unique, this.common);
    const duplicates = [...unique.filter((l) => heldBy.has(l.fingerprint)), ...repeats];
    for (const lead of duplicates) {
      const holder = heldBy.get(lead.fingerprint) ?? firstOfBatch.get(lead.fingerprint)!.id;
      this.problems.push({ row: lead.row, line: lead.line, field: null, problem: 'duplicate', message: `the same lead was imported before (lead ${holder})`, duplicate_of: holder, raw: null });
    }
    this.counts.imported += this.leads.length - duplicates.length;
    this.counts.duplicates += duplicates.length;
    await insertProblems(trx, this.common.importId, this.problems);
    this.leads = [];
    this.problems = [];
  }

  private reject(row: number, line: number, problems: Array<{ field: string | null; problem: string; message: string }>, raw: string): void {
    this.counts.rejected++;
    const clipped = raw.length > RAW_CHARS ? `${raw.slice(0, RAW_CHARS - 1)}…` : raw;
    for (const p of problems) this.problems.push({ row, line, field: p.field, problem: p.problem, message: p.message, duplicate_of: null, raw: clipped });
  }
}
