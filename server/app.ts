import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { JobHandler } from '../engine/index.js';
import { authRoutes } from './auth/auth.routes.js';
import { crmPlugin } from './crm/index.js';
import { reminderSweeperPlugin } from './crm/reminders/reminder-sweeper.plugin.js';
import { sessionSweeperPlugin } from './auth/session-sweeper.plugin.js';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/database.js';
import { errorReplySchema } from './errors.js';
import { createLogger } from './logger.js';
import { accessPlugin } from './plugins/access.plugin.js';
import { dbPlugin } from './plugins/db.plugin.js';
import { enginePlugin } from './plugins/engine.plugin.js';
import { errorHandlerPlugin } from './plugins/error-handler.plugin.js';
import { openApiPlugin } from './plugins/openapi.plugin.js';
import { staticUiPlugin } from './plugins/static-ui.plugin.js';
import { websocketPlugin } from './realtime/websocket.plugin.js';
import { healthRoutes } from './system/health.routes.js';
import { userSchema } from './users/user.schemas.js';
import { usersRoutes } from './users/users.routes.js';
import { workflowRoutes } from './workflow/index.js';

export interface BuildAppOptions {
  readonly config: Pick<Config, 'tokenTtlSeconds' | 'loginRateLimit' | 'uiDir' | 'logLevel'> & Partial<Pick<Config, 'reminderSweepSeconds' | 'jobLeaseSeconds'>>;
  readonly database: DatabaseHandle;
  readonly tokenSecret: string;
  /** Built-in job workers by job type (service tasks). */
  readonly jobHandlers?: Readonly<Record<string, JobHandler>>;
  /** Run due jobs in the background (default); tests that drive jobs turn it off. */
  readonly runJobs?: boolean;
  /** The process's pino logger; without one the app makes its own at the configured level. */
  readonly logger?: FastifyBaseLogger;
}

/**
 * Builds the whole server without listening: `main.ts` listens, tests call `inject()`.
 * The database is opened (and later closed) by the caller.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger ?? createLogger(options.config.logLevel),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 5 * 1024 * 1024,
    ajv: { customOptions: { allErrors: false, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  // The API speaks JSON only; an area that takes another type (CSV import) adds its parser.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.addSchema(errorReplySchema);
  app.addSchema(userSchema);
  await app.register(errorHandlerPlugin);
  await app.register(dbPlugin, { database: options.database });
  await app.register(openApiPlugin);
  await app.register(accessPlugin, { tokenSecret: options.tokenSecret });
  await app.register(rateLimit, { global: false });
  await app.register(websocketPlugin);
  await app.register(sessionSweeperPlugin);

  await app.register(healthRoutes);
  await app.register(authRoutes, {
    tokenSecret: options.tokenSecret,
    tokenTtlSeconds: options.config.tokenTtlSeconds,
    loginRateLimit: options.config.loginRateLimit,
  });
  await app.register(enginePlugin, {
    runJobs: options.runJobs ?? true,
    handlers: options.jobHandlers ?? {},
    ...(options.config.jobLeaseSeconds === undefined ? {} : { leaseMs: options.config.jobLeaseSeconds * 1000 }),
  });
  await app.register(usersRoutes);
  await app.register(workflowRoutes);
  await app.register(crmPlugin);
  await app.register(reminderSweeperPlugin, { intervalSeconds: options.config.reminderSweepSeconds }); // no interval (tests): sweepOnce() only
  await app.register(staticUiPlugin, { uiDir: options.config.uiDir });
  return app;
}
