import { sql, type Insertable, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../../db/tables/index.js';
import { invalidField } from '../../shared.js';
import { contentColumns } from '../leads.repository.js';
import type { LeadValues } from '../lead-fields.js';
import type { LeadImportProblemTable, LeadImportRow, LeadImportTable } from '../lead.tables.js';

type Db = Kysely<Database>;

/** A row ready to become a lead (its id made up front, so duplicates in the batch can name it). */
export interface PendingLead {
  readonly id: string;
  readonly row: number;
  readonly line: number;
  readonly values: LeadValues;
  readonly fingerprint: string;
}

export type ProblemRow = Omit<Insertable<LeadImportProblemTable>, 'import_id' | 'id'>;

export interface ImportCounts {
  total: number;
  imported: number;
  duplicates: number;
  rejected: number;
  bytes: number;
}

/** The columns an imported lead is written with (the rest take their defaults). */
const IMPORT_COLUMNS = [
  'id', 'person_name', 'company_name', 'email', 'email_normalized', 'phone', 'phone_normalized', 'purpose', 'notes', 'products_of_interest',
  'source_detail', 'custom_data', 'source', 'owner_id', 'unit_id', 'import_id', 'import_row', 'fingerprint', 'created_by', 'created_at', 'updated_at',
] as const;

/**
 * Inserts a batch of leads in one statement; rows whose fingerprint exists (an earlier
 * import, or a concurrent one) are skipped by the unique index. Returns, per fingerprint
 * not inserted, the id of the lead that holds it. The rows travel as ONE JSON parameter
 * (`jsonb_populate_recordset` types them by the table): thousands of bind parameters cost
 * far more to encode and parse than the rows themselves, and their number is capped.
 */
export async function insertLeadBatch(
  db: Db,
  batch: PendingLead[],
  common: { importId: string; source: LeadImportRow['source']; sourceDetail: string | null; ownerId: string; unitId: string | null; createdBy: string },
): Promise<Map<string, string>> {
  if (!batch.length) return new Map();
  const now = new Date();
  const rows = batch.map((lead) => ({
    id: lead.id,
    ...contentColumns({ ...lead.values, sourceDetail: lead.values.sourceDetail ?? common.sourceDetail }),
    custom_data: lead.values.customData,
    source: common.source,
    owner_id: common.ownerId,
    unit_id: common.unitId,
    import_id: common.importId,
    import_row: lead.row,
    fingerprint: lead.fingerprint,
    created_by: common.createdBy,
    created_at: now,
    updated_at: now,
  }));
  const columns = sql.join(IMPORT_COLUMNS.map((c) => sql.ref(c)));
  const inserted = await db
    .insertInto('leads')
    .columns([...IMPORT_COLUMNS])
    .expression(sql`select ${columns} from jsonb_populate_recordset(null::leads, ${JSON.stringify(rows)}::jsonb)`)
    .onConflict((oc) => oc.column('fingerprint').where('fingerprint', 'is not', null).doNothing())
    .returning('fingerprint')
    .execute();
  const done = new Set(inserted.map((r) => r.fingerprint));
  const missing = batch.filter((l) => !done.has(l.fingerprint)).map((l) => l.fingerprint);
  if (!missing.length) return new Map();
  const holders = await db.selectFrom('leads').select(['id', 'fingerprint']).where('fingerprint', 'in', missing).execute();
  return new Map(holders.map((h) => [h.fingerprint!, h.id]));
}

const PROBLEM_COLUMNS = ['import_id', 'row', 'line', 'field', 'problem', 'message', 'duplicate_of', 'raw'] as const;

/** Appends report rows in one statement (one JSON parameter, as for the leads). */
export async function insertProblems(db: Db, importId: string, problems: ProblemRow[]): Promise<void> {
  if (!problems.length) return;
  const rows = problems.map((p) => ({ ...p, import_id: importId }));
  const columns = sql.join(PROBLEM_COLUMNS.map((c) => sql.ref(c)));
  await db
    .insertInto('lead_import_problems')
    .columns([...PROBLEM_COLUMNS])
    .expression(sql`select ${columns} from jsonb_populate_recordset(null::lead_import_problems, ${JSON.stringify(rows)}::jsonb)`)
    .execute();
}

/** The progress a reader of the import sees, committed with the batch it counts. */
export async function saveCounts(db: Db, importId: string, counts: ImportCounts, finish?: { status: 'completed' | 'failed'; error?: string }): Promise<LeadImportRow> {
  return db
    .updateTable('lead_imports')
    .set({
      total_rows: counts.total,
      imported: counts.imported,
      duplicates: counts.duplicates,
      rejected: counts.rejected,
      bytes_read: counts.bytes,
      ...(finish && { status: finish.status, error: finish.error ?? null, finished_at: new Date() }),
    })
    .where('id', '=', importId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertImport(db: Db, values: Insertable<LeadImportTable>): Promise<LeadImportRow> {
  return db.insertInto('lead_imports').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findImport(db: Db, id: string): Promise<LeadImportRow | undefined> {
  return db.selectFrom('lead_imports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Imports newest first, keyset-paged on (started_at, id); `createdBy` null = everyone's. */
export async function listImports(db: Db, createdBy: string | null, limit: number, after: string | undefined) {
  let query = db.selectFrom('lead_imports').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit + 1);
  if (createdBy) query = query.where('created_by', '=', createdBy);
  if (after) {
    const [at, id] = decodeKey(after, (key) => !Number.isNaN(Date.parse(key)));
    query = query.where(sql<SqlBool>`(started_at, id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeKey(last.started_at.toISOString(), last.id) : null };
}

/** The report in file order, keyset-paged on (row, id); optionally one kind of problem. */
export async function listProblems(db: Db, importId: string, q: { problem?: string; limit: number; after?: string }) {
  let query = db.selectFrom('lead_import_problems').selectAll().where('import_id', '=', importId).orderBy('row').orderBy('id').limit(q.limit + 1);
  if (q.problem) query = query.where('problem', '=', q.problem);
  if (q.after) {
    const [row, id] = decodeKey(q.after, (key) => /^[0-9]{1,9}$/.test(key));
    query = query.where(sql<SqlBool>`(row, id) > (${Number(row)}::int, ${id}::bigint)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > q.limit && last ? encodeKey(String(last.row), String(last.id)) : null };
}

function encodeKey(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

function decodeKey(text: string, keyShape: (key: string) => boolean): [string, string] {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parts = undefined;
  }
  const valid = Array.isArray(parts) && parts.length === 2 && typeof parts[0] === 'string' && typeof parts[1] === 'string' && keyShape(parts[0]) && /^[0-9a-f-]{1,36}$/i.test(parts[1]);
  if (!valid) throw invalidField('querystring.after', 'is not a cursor of this list');
  return parts as [string, string];
}
