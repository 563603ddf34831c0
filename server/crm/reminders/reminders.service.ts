import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { notFound } from '../../errors.js';
import { recordAudit } from '../audit/audit-log.repository.js';
import { findMyReminder, toReminderDto } from './reminders.repository.js';

/** Dismisses one of the user's own reminders (dismissing twice is dismissing once); audited. */
export async function dismissReminder(db: Kysely<Database>, userId: string, id: string) {
  return db.transaction().execute(async (trx) => {
    const current = await findMyReminder(trx, userId, id, { forUpdate: true });
    if (!current) throw notFound('Reminder', id);
    if (current.dismissed_at) return toReminderDto(current);
    await trx.updateTable('activity_reminders').set({ dismissed_at: new Date() }).where('id', '=', id).execute();
    const after = toReminderDto((await findMyReminder(trx, userId, id))!);
    await recordAudit(trx, { userId, onBehalfOf: null }, { entityType: 'reminder', entityId: id, action: 'dismiss', before: toReminderDto(current), after });
    return after;
  });
}
