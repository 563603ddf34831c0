import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createPostgresEngine, type JobHandler, type PostgresEngine } from '../../engine/index.js';
import { JobWakeups } from '../workflow/job-wakeups.js';
import { liveEventsOf } from '../workflow/live-events.js';

declare module 'fastify' {
  interface FastifyInstance {
    engine: PostgresEngine;
  }
}

export interface EnginePluginOptions {
  /** Built-in job workers by job type; CRM actions register theirs here. */
  readonly handlers?: Readonly<Record<string, JobHandler>>;
  /** Run jobs in the background (off in tests that drive jobs themselves). */
  readonly runJobs?: boolean;
  /** How long a claim on a job or timer lasts (default 5 minutes). */
  readonly leaseMs?: number;
}

/** NOTIFY channel carrying the process key of every deployment that made a new version. */
export const DEPLOYMENTS_CHANNEL = 'ff_engine_deployments';

/** The BPMN engine over the server's database; its job loop stops before the database closes. */
export const enginePlugin = fp<EnginePluginOptions>(
  async (app: FastifyInstance, options) => {
    // Long-polling workers and the job loops of all nodes wake when jobs appear.
    const wakeups = new JobWakeups(app.database.notifications, () => engine.kickJobs(), app.log);
    const engine = createPostgresEngine({
      db: app.db,
      handlers: options.handlers ?? {},
      ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
      onJobError: (error) => app.log.warn({ err: error }, 'job run failed; it is claimed again after its lease'),
      onCommitted: (applied) => {
        wakeups.committed(applied);
        for (const { event, audience } of liveEventsOf(applied)) {
          app.realtime.publish(event, audience).catch((error: unknown) => app.log.warn({ err: error }, 'live event not sent'));
        }
      },
    });
    app.decorate('engine', engine);
    await wakeups.attach(app);
    // Nodes learn of each other's deployments, so that starting by key uses the latest version.
    const unlisten = await app.database.notifications.listen(DEPLOYMENTS_CHANNEL, (key) => engine.definitionsChanged(key));
    app.addHook('onClose', async () => unlisten());
    if (options.runJobs !== false) engine.start();
    app.addHook('onClose', async () => engine.stop());
  },
  { name: 'engine', dependencies: ['db', 'websocket'] },
);
