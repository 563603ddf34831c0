import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { eventStartsOf } from '../driver/event-starts.js';
import type { ExecutableProcess } from '../model/index.js';
import { firstDue } from '../timers/index.js';
import type { EngineTables } from './tables.js';

/**
 * A new version takes over its key's event starts: the message and signal start
 * subscriptions and the timer start jobs of earlier versions are removed, and the new
 * version's are written (timers scheduled from `now`). Runs in the deployment's
 * transaction, so there is never a moment with both or neither.
 */
export async function replaceStartEvents(trx: Kysely<EngineTables>, definitionId: string, key: string, process: ExecutableProcess, now: Date): Promise<void> {
  await trx.deleteFrom('engine_subscriptions').where('process_key', '=', key).where('instance_id', 'is', null).execute();
  await trx
    .deleteFrom('engine_jobs')
    .where('kind', '=', 'timer-start')
    .where('definition_id', 'in', (eb) => eb.selectFrom('engine_process_definitions').select('id').where('key', '=', key))
    .execute();
  for (const start of eventStartsOf(process)) {
    if (start.kind === 'timer') {
      const due = firstDue(start.timerType, start.text, now);
      if (!due.ok) continue; // checked at parse time; a date long past has no occurrence left
      await trx
        .insertInto('engine_jobs')
        .values({
          key: randomUUID(), instance_id: null, element_id: start.elementId, type: 'ff:timer-start', retries: 0, state: 'activatable', due_at: new Date(due.value.dueAt),
          worker: null, lock_expires_at: null, error_message: null, created_at: now, kind: 'timer-start', definition_id: definitionId,
          timer: JSON.stringify({ elementId: start.elementId, timerType: start.timerType, text: start.timerType === 'cycle' ? start.text : undefined, remaining: due.value.remaining }),
        })
        .execute();
    } else {
      await trx
        .insertInto('engine_subscriptions')
        .values({ key: randomUUID(), kind: start.kind, name: start.name, correlation_key: null, process_key: key, definition_id: definitionId, instance_id: null, element_id: start.elementId, element_instance_key: null, created_at: now })
        .execute();
    }
  }
}
