import type { Selectable } from 'kysely';

/** A merged-away customer id and the customer it lives on in (see the migration for why). */
export interface CustomerMergeTable {
  merged_id: string;
  survivor_id: string;
  merged_by: string;
  merged_at: Date;
}

export type CustomerMergeRow = Selectable<CustomerMergeTable>;
