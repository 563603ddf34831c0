import type { ColumnType, Generated, Selectable } from 'kysely';

/** One write: who did it, for whom (a substitute acting for an absent user), and the change. */
export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, never, never>;
  actor_id: string;
  on_behalf_of_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  before: unknown;
  after: unknown;
}

export type AuditLogRow = Selectable<AuditLogTable>;
