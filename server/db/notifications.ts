import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';

/**
 * LISTEN/NOTIFY over both backends. Nodes sharing one PostgreSQL use it to wake job
 * workers and to fan websocket events out; on PGlite it connects the parts of one process.
 *
 * Life cycle: `listen` resolves once the LISTEN is active; the returned function stops it.
 * `notify` is delivered after the surrounding transaction commits (pass `trx` to tie it
 * to one). `close` stops every listener.
 */
export interface NotificationBus {
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string, db?: Kysely<any>): Promise<void>;
  close(): Promise<void>;
}

export function createPGliteNotificationBus(pglite: PGlite, db: Kysely<any>): NotificationBus {
  const stops = new Set<() => Promise<void>>();
  return {
    async listen(channel, onPayload) {
      const unlisten = await pglite.listen(channel, onPayload);
      // After `close` a listener's own stop must not touch PGlite: it may be closed already.
      const stop = async () => {
        if (!stops.delete(stop)) return;
        await unlisten();
      };
      stops.add(stop);
      return stop;
    },
    notify: (channel, payload, on = db) => sendNotify(on, channel, payload),
    async close() {
      await Promise.all([...stops].map((stop) => stop()));
    },
  };
}

/** A dedicated `pg.Client` holds the LISTENs: pooled connections come and go. */
export function createPgNotificationBus(connectionString: string, db: Kysely<any>): NotificationBus {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let client: Promise<pg.Client> | undefined;
  const connect = () =>
    (client ??= (async () => {
      const c = new pg.Client({ connectionString });
      c.on('notification', (message) => {
        for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
      });
      // A dropped listener connection is logged by the owner via the pool's health check;
      // here we only avoid an unhandled 'error' event crashing the process.
      c.on('error', () => undefined);
      await c.connect();
      return c;
    })());
  return {
    async listen(channel, onPayload) {
      const c = await connect();
      let set = handlers.get(channel);
      if (!set) {
        handlers.set(channel, (set = new Set()));
        await c.query(`LISTEN ${quoteIdentifier(channel)}`);
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
        if (set.size === 0 && handlers.get(channel) === set) {
          handlers.delete(channel);
          await c.query(`UNLISTEN ${quoteIdentifier(channel)}`).catch(() => undefined);
        }
      };
    },
    notify: (channel, payload, on = db) => sendNotify(on, channel, payload),
    async close() {
      handlers.clear();
      if (client) await (await client).end().catch(() => undefined);
      client = undefined;
    },
  };
}

async function sendNotify(db: Kysely<any>, channel: string, payload: string): Promise<void> {
  await sql`select pg_notify(${channel}, ${payload})`.execute(db);
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
