import type { Kysely } from 'kysely';
import { insertRowsAtOnce, mergeRows, type NewRows } from './row-writer.js';
import type { EngineTables } from './tables.js';

const MAX_BATCH = 256;

/**
 * Group commit for new instances: the rows of starts that arrive while the event loop
 * is busy go out together, one statement per batch, instead of one per instance. Every
 * caller waits for the statement that holds its rows. If a batch fails, each start is
 * written alone, so one bad row fails only its own caller.
 */
export class StartBatcher {
  private pending: Array<{ rows: NewRows; done: (error?: unknown) => void }> = [];
  private scheduled = false;

  constructor(private readonly db: Kysely<EngineTables>) {}

  write(rows: NewRows): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ rows, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    while (this.pending.length) {
      const batch = this.pending.splice(0, MAX_BATCH);
      void this.writeBatch(batch); // batches go out side by side; the pool bounds how many
    }
  }

  private async writeBatch(batch: Array<{ rows: NewRows; done: (error?: unknown) => void }>): Promise<void> {
    try {
      await insertRowsAtOnce(this.db, mergeRows(batch.map((b) => b.rows)));
      for (const item of batch) item.done();
    } catch (error) {
      if (batch.length === 1) return batch[0]!.done(error ?? new Error('write failed'));
      for (const item of batch) {
        await insertRowsAtOnce(this.db, item.rows).then(
          () => item.done(),
          (e: unknown) => item.done(e ?? new Error('write failed')),
        );
      }
    }
  }
}
