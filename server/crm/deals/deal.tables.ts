import type { ColumnType, Generated, Selectable } from 'kysely';

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];
export const DEAL_CHANGES = ['create', 'update', 'stage', 'close', 'reopen'] as const;
export type DealChange = (typeof DEAL_CHANGES)[number];

/** `numeric(14,2)`: both drivers read it as a string ("1234.50"); written as a string too. */
type Money = ColumnType<string, string, string>;
/** `date`: read as text (see deals.repository.ts) so no time zone ever shifts it. */
type DateOnly = ColumnType<string | null, string | null, string | null>;

export interface DealTable {
  id: Generated<string>;
  customer_id: string;
  owner_id: string;
  title: string;
  amount: Money;
  currency: string;
  expected_close_date: DateOnly;
  pipeline_id: string;
  stage_key: string;
  status: ColumnType<DealStatus, DealStatus | undefined, DealStatus>;
  close_reason: string | null;
  closed_at: Date | null;
  process_instance_id: string | null;
  version: ColumnType<number, never, number>;
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
}

/** One change of a deal's stage, status, amount or owner: the state after it, who, for whom, when. */
export interface DealStageHistoryTable {
  id: Generated<string>;
  deal_id: string;
  change: DealChange;
  from_stage: string | null;
  to_stage: string;
  from_status: DealStatus | null;
  status: DealStatus;
  amount: Money;
  currency: string;
  owner_id: string;
  reason: string | null;
  by_user_id: string;
  on_behalf_of_id: string | null;
  at: ColumnType<Date, never, never>;
}

/**
 * Open-deal totals per stage, keyed by what the deal access rule looks at; kept by database
 * triggers on deals and customers (see the deal_stage_totals migration), read-only here.
 */
export interface DealStageTotalsTable {
  pipeline_id: string;
  stage_key: string;
  currency: string;
  deal_owner_id: string;
  customer_owner_id: string | null;
  customer_unit_id: string | null;
  customer_region: string | null;
  open_deals: ColumnType<string, never, never>;
  amount: ColumnType<string, never, never>;
}

export type DealRow = Selectable<DealTable>;
export type DealHistoryRow = Selectable<DealStageHistoryTable>;
