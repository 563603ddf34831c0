import { sql, type Kysely } from 'kysely';
import { reject } from '../errors/codes.js';
import { executeJob } from '../driver/execute-job.js';
import type { JobHandler } from '../driver/job-handler.js';
import { jobVariables } from '../runtime/views.js';
import type { CommandExecutor, Executed } from './command-executor.js';
import type { EngineTables } from './tables.js';

export interface JobRunnerOptions {
  readonly handlers: Readonly<Record<string, JobHandler>>;
  /** Identifies this node in the jobs table (who holds a lock). */
  readonly workerId: string;
  /** How long a claimed job stays ours; after that another worker may take it. */
  readonly leaseMs: number;
  readonly retryBackoffMs: number;
  /** Told of each reported job's committed commands (or its rejection). */
  readonly onExecuted?: (executed: Executed) => void;
}

interface Claimed {
  key: string;
  instance_id: string;
  type: string;
  retries: number;
  fencing_token: number;
}

/**
 * Runs jobs that built-in handlers serve. A claim marks due jobs locked under a lease and
 * raises their fencing token in one statement (`FOR UPDATE SKIP LOCKED`: concurrent
 * workers take different jobs); the handler runs outside any transaction; its outcome is
 * reported as a command that is applied only if the job still carries our token — a
 * worker whose lease ran out and whose job was taken over cannot report.
 */
export class JobRunner {
  constructor(
    private readonly db: Kysely<EngineTables>,
    private readonly executor: CommandExecutor,
    private readonly options: JobRunnerOptions,
  ) {}

  /** Claims and runs up to `limit` due jobs; returns how many ran. */
  async runDue(limit = 32): Promise<number> {
    const types = Object.keys(this.options.handlers);
    if (types.length === 0) return 0;
    const claimed = await this.claim(types, limit);
    for (const job of claimed) await this.run(job);
    return claimed.length;
  }

  /** Runs due jobs until none is left (jobs that completions create included). */
  async drain(maxRounds = 1000): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round++) {
      const ran = await this.runDue();
      if (ran === 0) break;
      total += ran;
    }
    return total;
  }

  private async claim(types: string[], limit: number): Promise<Claimed[]> {
    const result = await sql<Claimed>`
      update engine_jobs set state = 'locked', worker = ${this.options.workerId},
        lock_expires_at = now() + ${`${this.options.leaseMs} milliseconds`}::interval, fencing_token = fencing_token + 1
      where key in (
        select key from engine_jobs
        where type = any(${types}::text[])
          and ((state = 'activatable' and due_at <= now()) or (state = 'locked' and lock_expires_at < now()))
        order by due_at
        limit ${limit}
        for update skip locked)
      returning key, instance_id, type, retries, fencing_token`.execute(this.db);
    return result.rows;
  }

  private async run(job: Claimed): Promise<void> {
    const row = await this.db.selectFrom('engine_process_instances').select('data').where('id', '=', job.instance_id).executeTakeFirst();
    const state = row?.data;
    const open = state?.jobs[job.key];
    if (!state || !open) return; // the instance moved on (cancelled) since the claim
    const context = {
      key: job.key, type: job.type, retries: job.retries, headers: open.headers, variables: jobVariables(state, job.key),
      instanceId: state.id, processKey: state.processKey, definitionId: state.definitionId, businessKey: state.businessKey,
      elementId: open.elementId, elementInstanceKey: open.elementInstanceKey,
    };
    const command = await executeJob(this.options.handlers[job.type]!, context, { now: () => new Date(), retryBackoffMs: this.options.retryBackoffMs });
    const executed = await this.executor.execute(job.instance_id, command, async (trx) => {
      const current = await trx.selectFrom('engine_jobs').select(['fencing_token', 'worker']).where('key', '=', job.key).executeTakeFirst();
      if (current?.fencing_token === job.fencing_token && current.worker === this.options.workerId) return undefined;
      return reject('ENG_ERR_JOB_NOT_FOUND', `Expected job '${job.key}' to be locked by this worker, but its lock expired and it was taken over`);
    });
    this.options.onExecuted?.(executed);
  }
}
