import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { deleteExpiredSessions } from './sessions.repository.js';

const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Expired sessions are already refused at every request; this removes their rows once an
 * hour so the table does not grow without end. Any node may sweep: deleting is idempotent.
 */
export const sessionSweeperPlugin = fp(
  async (app: FastifyInstance) => {
    const sweep = () =>
      deleteExpiredSessions(app.db).then(
        (removed) => removed && app.log.info({ removed }, 'expired sessions removed'),
        (error: unknown) => app.log.warn({ err: error }, 'could not remove expired sessions'),
      );
    const timer = setInterval(sweep, SWEEP_EVERY_MS);
    timer.unref();
    app.addHook('onReady', async () => void sweep());
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'session-sweeper', dependencies: ['db'] },
);
