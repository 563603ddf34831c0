import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { AuditLogRow } from './audit-log.table.js';

/** Who writes: the signed-in user, and the absent user they stand in for (if they do). */
export interface Actor {
  readonly userId: string;
  readonly onBehalfOf: string | null;
}

export interface AuditEntry {
  readonly entityType: string;
  readonly entityId: string;
  readonly action: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

/** Appends one entry; call it with the transaction of the write it describes. */
export async function recordAudit(db: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: actor.userId,
      on_behalf_of_id: actor.onBehalfOf,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      action: entry.action,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export async function listAudit(
  db: Kysely<Database>,
  filter: { entityType?: string | undefined; entityId?: string | undefined; limit: number; after?: string | undefined },
): Promise<{ rows: AuditLogRow[]; nextCursor: string | null }> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit + 1);
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.after) query = query.where('id', '<', filter.after);
  const rows = await query.execute();
  const page = rows.slice(0, filter.limit);
  return { rows: page, nextCursor: rows.length > filter.limit ? String(page.at(-1)!.id) : null };
}

export function toAuditDto(row: AuditLogRow) {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actorId: row.actor_id,
    onBehalfOfId: row.on_behalf_of_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    before: row.before ?? null,
    after: row.after ?? null,
  };
}
