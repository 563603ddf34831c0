import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { WebSocket } from 'ws';
import { RealtimeHub, type RealtimeEvent } from './realtime-hub.js';

declare module 'fastify' {
  interface FastifyInstance {
    realtime: RealtimeHub;
  }
}

/** Close codes the web UI understands. */
export const WS_CLOSE_UNAUTHENTICATED = 4401;
const AUTH_TIMEOUT_MS = 10_000;
const HEARTBEAT_MS = 30_000;

/**
 * `GET /api/ws`. Browsers cannot set headers on a websocket, and tokens in URLs end up in
 * logs, so the client's first message authenticates: `{"type":"auth","token":"…"}`.
 * The server answers `{"type":"ready","user":{…}}`, then pushes events; a bad or missing
 * token closes the socket with 4401. Dead peers are found by ping/pong and dropped.
 */
export const websocketPlugin = fp(
  async (app: FastifyInstance) => {
    const hub = new RealtimeHub(app.database.notifications);
    app.decorate('realtime', hub);
    await hub.start();
    app.addHook('onClose', async () => hub.stop());
    await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

    app.get('/api/ws', { websocket: true, config: { access: 'public' }, schema: { hide: true } }, (socket: WebSocket, request) => {
      const authTimer = setTimeout(() => socket.close(WS_CLOSE_UNAUTHENTICATED, 'authenticate first'), AUTH_TIMEOUT_MS);
      let removeClient: (() => void) | undefined;
      let alive = true;
      const heartbeat = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, HEARTBEAT_MS);
      socket.on('pong', () => (alive = true));
      socket.on('close', () => {
        clearTimeout(authTimer);
        clearInterval(heartbeat);
        removeClient?.();
      });
      socket.on('message', async (data) => {
        if (removeClient) return; // Clients only listen once authenticated.
        const token = tokenOf(data.toString());
        const principal = token ? await app.authenticateToken(token).catch(() => undefined) : undefined;
        clearTimeout(authTimer);
        if (!principal) return socket.close(WS_CLOSE_UNAUTHENTICATED, 'invalid or expired token');
        const send = (event: RealtimeEvent) => socket.readyState === socket.OPEN && socket.send(JSON.stringify(event));
        removeClient = hub.add({ userId: principal.userId, roles: principal.roles, send });
        request.log.info({ userId: principal.userId }, 'websocket client connected');
        send({ type: 'ready', user: { id: principal.userId, email: principal.email, name: principal.name, roles: principal.roles } });
      });
    });
  },
  { name: 'websocket', dependencies: ['db', 'access'] },
);

function tokenOf(text: string): string | undefined {
  try {
    const message = JSON.parse(text) as { type?: unknown; token?: unknown };
    return message.type === 'auth' && typeof message.token === 'string' ? message.token : undefined;
  } catch {
    return undefined;
  }
}
