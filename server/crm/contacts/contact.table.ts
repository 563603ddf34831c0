import type { ColumnType } from 'kysely';

/** A person (customer of kind person) working for a company (kind company), in a function. */
export interface CustomerContactTable {
  company_id: string;
  person_id: string;
  function: string | null;
  created_at: ColumnType<Date, never, never>;
}
