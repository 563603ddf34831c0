import type { ColumnType, Selectable } from 'kysely';

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'disqualified', 'converted'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Channels the lead came through; statistics per channel count by these. `sourceDetail` names the fair, the list, … */
export const LEAD_SOURCES = ['web_form', 'fair', 'bought_list', 'import', 'referral', 'phone', 'email', 'social', 'partner', 'other'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const IMPORT_STATUSES = ['running', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

type Json<T> = ColumnType<T, string, string>;
/** `bigint`: both drivers read it as a string. */
type BigCount = ColumnType<string, number | undefined, number>;

/** Ids are made by the app (an import needs a batch's ids before the batch is written). */
export interface LeadTable {
  id: string;
  status: ColumnType<LeadStatus, LeadStatus | undefined, LeadStatus>;
  disqualify_reason: string | null;
  source: LeadSource;
  source_detail: string | null;
  person_name: string | null;
  company_name: string | null;
  email: string | null;
  email_normalized: string | null;
  phone: string | null;
  phone_normalized: string | null;
  purpose: string | null;
  notes: string | null;
  products_of_interest: string[];
  owner_id: string;
  unit_id: string | null;
  custom_data: Json<Record<string, unknown>>;
  import_id: string | null;
  import_row: number | null;
  fingerprint: string | null;
  converted_customer_id: string | null;
  converted_deal_id: string | null;
  converted_at: Date | null;
  created_by: string;
  version: ColumnType<number, never, number>;
  /** Set by the app to the millisecond, so a keyset cursor (a JS date) compares exactly. */
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
}

/** One CSV import: its settings and its progress, committed batch by batch. */
export interface LeadImportTable {
  id: string;
  file_name: string;
  status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>;
  encoding: string;
  delimiter: string;
  mapping: Json<Record<string, string>>;
  source: LeadSource;
  source_detail: string | null;
  owner_id: string;
  unit_id: string | null;
  bytes_read: BigCount;
  bytes_expected: ColumnType<string | null, number | null, number | null>;
  total_rows: ColumnType<number, never, number>;
  imported: ColumnType<number, never, number>;
  duplicates: ColumnType<number, never, number>;
  rejected: ColumnType<number, never, number>;
  error: string | null;
  created_by: string;
  started_at: Date;
  finished_at: Date | null;
}

/** One problem of one row of an import: what the per-row report lists. */
export interface LeadImportProblemTable {
  id: ColumnType<string, never, never>;
  import_id: string;
  row: number;
  line: number;
  field: string | null;
  problem: string;
  message: string;
  duplicate_of: string | null;
  raw: string | null;
}

export type LeadRow = Selectable<LeadTable>;
export type LeadImportRow = Selectable<LeadImportTable>;
export type LeadImportProblemRow = Selectable<LeadImportProblemTable>;
