import type { NotificationBus } from '../db/notifications.js';
import type { Role } from '../db/tables/index.js';
import { mayAct } from '../auth/roles.js';

/** A small event for browsers: ids and a type, never whole records (NOTIFY carries ≤ 8 kB). */
export interface RealtimeEvent {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** Who receives an event: everyone signed in, or the named users and holders of the roles. */
export type Audience = { readonly all: true } | { readonly userIds?: readonly string[]; readonly roles?: readonly Role[] };

export interface RealtimeClient {
  readonly userId: string;
  readonly roles: readonly Role[];
  send(event: RealtimeEvent): void;
}

const CHANNEL = 'ff_realtime';

/**
 * Fans events out to websocket clients on every node: `publish` goes through the
 * database's NOTIFY, and each node delivers what it hears to its own clients. Publishing
 * inside a transaction (`db` argument) delivers only if that transaction commits.
 *
 * Life cycle: `start` subscribes, `stop` unsubscribes; clients register while connected.
 */
export class RealtimeHub {
  private readonly clients = new Set<RealtimeClient>();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly bus: NotificationBus) {}

  async start(): Promise<void> {
    this.unlisten = await this.bus.listen(CHANNEL, (payload) => this.deliver(payload));
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = undefined;
  }

  add(client: RealtimeClient): () => void {
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  get size(): number {
    return this.clients.size;
  }

  publish(event: RealtimeEvent, audience: Audience, db?: Parameters<NotificationBus['notify']>[2]): Promise<void> {
    return this.bus.notify(CHANNEL, JSON.stringify({ event, audience }), db);
  }

  private deliver(payload: string): void {
    let message: { event: RealtimeEvent; audience: Audience };
    try {
      message = JSON.parse(payload);
    } catch {
      return; // Not ours: someone else NOTIFYed on the channel.
    }
    for (const client of this.clients) if (reaches(message.audience, client)) client.send(message.event);
  }
}

/** Role audiences follow route access (admins may act for any role); user audiences are personal. */
function reaches(audience: Audience, client: RealtimeClient): boolean {
  if ('all' in audience) return true;
  return Boolean(audience.userIds?.includes(client.userId) || (audience.roles?.length && mayAct(client.roles, audience.roles)));
}
