import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { RealtimeHub } from '../../realtime/realtime-hub.js';

/** Reminders older than this when found (the server was down) are marked sent without ringing. */
const STALE_AFTER = sql`interval '1 day'`;
const BATCH = 100;

/**
 * Delivers due reminders as a `reminder.due` live event to their user. Several server
 * processes may sweep the same database: each claims due, unsent rows with `FOR UPDATE
 * SKIP LOCKED`, marks them sent and publishes in the same transaction (the NOTIFY goes out
 * only if it commits), so every reminder rings once. Runs on the database clock.
 *
 * Life cycle: `sweepOnce` is one pass (tests call it); `start` repeats it every interval
 * until `stop`.
 */
export class ReminderSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly hub: Pick<RealtimeHub, 'publish'>,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Claims and delivers due reminders, batch after batch; resolves to how many rang. */
  async sweepOnce(): Promise<number> {
    let rang = 0;
    for (;;) {
      const { claimed, delivered } = await this.sweepBatch();
      rang += delivered;
      if (claimed < BATCH) return rang;
    }
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      // One pass at a time per process: a slow pass is not overtaken by the next tick.
      this.running ??= this.sweepOnce()
        .catch((error: unknown) => {
          this.onError(error);
          return 0;
        })
        .finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private sweepBatch(): Promise<{ claimed: number; delivered: number }> {
    return this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('activity_reminders as r')
        .innerJoin('activities as a', 'a.id', 'r.activity_id')
        .select(['r.id', 'r.user_id', 'r.activity_id', 'r.minutes_before', 'a.subject', 'a.kind', 'a.span_start', 'a.status'])
        .select(sql<boolean>`r.remind_at > now() - ${STALE_AFTER}`.as('fresh'))
        .where('r.sent_at', 'is', null)
        .where('r.remind_at', '<=', sql<Date>`now()`)
        .orderBy('r.remind_at')
        .limit(BATCH)
        .forUpdate(['r'])
        .skipLocked()
        .execute();
      if (due.length === 0) return { claimed: 0, delivered: 0 };
      await trx.updateTable('activity_reminders').set({ sent_at: sql`now()` }).where('id', 'in', due.map((r) => r.id)).execute();
      // Done or cancelled activities and stale reminders are consumed without ringing.
      const ringing = due.filter((r) => r.status === 'planned' && r.fresh);
      for (const r of ringing) {
        await this.hub.publish(
          { type: 'reminder.due', reminderId: r.id, activityId: r.activity_id, kind: r.kind, subject: r.subject, startsAt: r.span_start.toISOString(), minutesBefore: r.minutes_before },
          { userIds: [r.user_id] },
          trx,
        );
      }
      return { claimed: due.length, delivered: ringing.length };
    });
  }
}
