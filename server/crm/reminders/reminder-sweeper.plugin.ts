import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ReminderSweeper } from './reminder-sweeper.js';

declare module 'fastify' {
  interface FastifyInstance {
    reminders: ReminderSweeper;
  }
}

export interface ReminderSweeperOptions {
  /** Seconds between sweeps; unset: no timer (tests call `app.reminders.sweepOnce()`). */
  readonly intervalSeconds?: number | undefined;
}

/** Starts the reminder sweeper with the app (every node may: claims skip each other) and stops it on close. */
export const reminderSweeperPlugin = fp<ReminderSweeperOptions>(
  async (app: FastifyInstance, options) => {
    const sweeper = new ReminderSweeper(app.db, app.realtime, (error) => app.log.warn({ err: error }, 'could not deliver reminders'));
    app.decorate('reminders', sweeper);
    if (options.intervalSeconds) {
      const intervalMs = options.intervalSeconds * 1000;
      app.addHook('onReady', async () => sweeper.start(intervalMs));
    }
    app.addHook('onClose', async () => sweeper.stop());
  },
  { name: 'reminder-sweeper', dependencies: ['db', 'websocket'] },
);
