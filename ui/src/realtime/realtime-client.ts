/**
 * The live channel to the server (`/api/ws`).
 *
 * Life cycle: `start(token)` opens the socket and, once open, sends `{type:'auth', token}`.
 * The server answers `{type:'ready', user}` and the status becomes `live`; every later message
 * is an event `{type, ...}` handed to the subscribers of its type (and of `*`). `ready` itself
 * is delivered too, after every (re)connect, so a page can refetch what it may have missed.
 *
 * Status: `connecting` from `start()` until the first attempt succeeds or fails, and after a
 * live connection drops until the reconnect (1 s later) succeeds or fails; `offline` when the
 * browser is offline or an attempt has failed. Failed attempts are retried with exponential
 * backoff (1 s, 2 s, 4 s … at most 30 s); going back online retries at once. A connection that
 * drops within 10 s of `ready` does not reset the backoff, so a flapping server is not hammered. A close with code 4401 means the token was refused: the client stops
 * and calls `onUnauthorized`. `stop()` closes the socket and cancels every retry.
 */
import { createStore, type Store } from '../lib/store.js';

export type RealtimeStatus = 'connecting' | 'live' | 'offline';

/** A message from the server; `type` names it, the rest is the event's own payload. */
export interface RealtimeEvent {
  type: string;
  [field: string]: unknown;
}

export type RealtimeHandler = (event: RealtimeEvent) => void;

export interface RealtimeClientOptions {
  /** The websocket address; by default `/api/ws` on this page's host, `wss:` under https. */
  url?: () => string;
  /** Called once when the server refuses the token (close code 4401). */
  onUnauthorized?: () => void;
}

/** Close code the server uses for a missing, bad or expired token. */
export const CLOSE_UNAUTHORIZED = 4401;
const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;
/** An attempt that has not reached `ready` by then counts as failed. */
const ATTEMPT_TIMEOUT_MS = 15_000;
/** A live connection that lasted this long resets the backoff when it drops. */
const STABLE_MS = 10_000;

export class RealtimeClient {
  /** `live`, `connecting` or `offline`; subscribe to follow it. */
  readonly status: Store<RealtimeStatus> = createStore<RealtimeStatus>('offline');
  /** When the next retry is due (ms since epoch), or null; for the status tooltip. */
  readonly nextRetryAt: Store<number | null> = createStore<number | null>(null);

  private readonly url: () => string;
  private onUnauthorized: () => void;
  private readonly handlers = new Map<string, Set<RealtimeHandler>>();
  private token: string | null = null;
  private socket: WebSocket | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attemptTimer: ReturnType<typeof setTimeout> | undefined;
  private listening = false;

  constructor(options: RealtimeClientOptions = {}) {
    this.url = options.url ?? defaultUrl;
    this.onUnauthorized = options.onUnauthorized ?? (() => {});
  }

  /** Replaces the 4401 callback (the session wires itself in after construction). */
  setUnauthorizedHandler(handler: () => void): void {
    this.onUnauthorized = handler;
  }

  /** Connects with `token` (closing any previous connection) and keeps reconnecting until `stop()`. */
  start(token: string): void {
    this.stop();
    this.token = token;
    this.failures = 0;
    this.listenToBrowser(true);
    if (isBrowserOffline()) this.status.set('offline');
    else this.connect();
  }

  /** Closes the connection and cancels all retries; the status becomes `offline`. */
  stop(): void {
    this.token = null;
    this.listenToBrowser(false);
    this.clearTimers();
    this.dropSocket(1000, 'client stopped');
    this.status.set('offline');
  }

  /** Skips the backoff wait and tries now (no-op when stopped, live or already trying). */
  retryNow(): void {
    if (!this.token || this.socket || isBrowserOffline()) return;
    this.clearTimers();
    this.connect();
  }

  /**
   * Calls `handler` for every event of `type` (`'*'` for all events); returns the function
   * that unsubscribes.
   */
  subscribe(type: string, handler: RealtimeHandler): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(type) === set) this.handlers.delete(type);
    };
  }

  private connect(): void {
    const token = this.token;
    if (!token) return;
    this.nextRetryAt.set(null);
    if (this.status.get() !== 'offline' || this.failures === 0) this.status.set('connecting');

    let socket: WebSocket;
    try {
      socket = new WebSocket(this.url());
    } catch {
      this.attemptFailed();
      return;
    }
    this.socket = socket;
    let ready = false;
    let liveSince = 0;
    this.attemptTimer = setTimeout(() => {
      if (this.socket === socket && !ready) this.dropSocket(4000, 'no ready in time', true);
    }, ATTEMPT_TIMEOUT_MS);

    socket.onopen = () => {
      if (this.socket === socket) socket.send(JSON.stringify({ type: 'auth', token }));
    };
    socket.onmessage = (message: MessageEvent) => {
      if (this.socket !== socket) return;
      const event = parseEvent(message.data);
      if (!event) return;
      if (event.type === 'ready' && !ready) {
        ready = true;
        liveSince = Date.now();
        clearTimeout(this.attemptTimer);
        this.status.set('live');
      }
      if (ready) this.dispatch(event);
    };
    socket.onclose = (close: CloseEvent) => {
      if (this.socket !== socket) return;
      this.socket = null;
      clearTimeout(this.attemptTimer);
      if (close.code === CLOSE_UNAUTHORIZED) {
        this.stop();
        this.onUnauthorized();
      } else if (ready) {
        // A live connection dropped: "connecting" until the next attempt succeeds or fails.
        // One that dropped soon after `ready` keeps growing the backoff (a flapping server).
        this.failures = Date.now() - liveSince >= STABLE_MS ? 0 : this.failures + 1;
        this.status.set('connecting');
        this.scheduleRetry(retryDelay(this.failures));
      } else {
        this.attemptFailed();
      }
    };
  }

  private attemptFailed(): void {
    this.failures += 1;
    this.status.set('offline');
    this.scheduleRetry(retryDelay(this.failures));
  }

  private scheduleRetry(delay: number): void {
    if (isBrowserOffline()) return; // the `online` event reconnects
    clearTimeout(this.retryTimer);
    this.nextRetryAt.set(Date.now() + delay);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private dispatch(event: RealtimeEvent): void {
    for (const key of [event.type, '*']) {
      for (const handler of [...(this.handlers.get(key) ?? [])]) {
        try {
          handler(event);
        } catch (error) {
          console.error(`realtime handler for "${key}" failed`, error);
        }
      }
    }
  }

  /** Closes the current socket; `countAsFailure` then schedules a retry. */
  private dropSocket(code: number, reason: string, countAsFailure = false): void {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    socket.onopen = socket.onmessage = socket.onclose = null;
    try {
      socket.close(code, reason);
    } catch {
      // already closing
    }
    if (countAsFailure) this.attemptFailed();
  }

  private clearTimers(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.attemptTimer);
    this.retryTimer = this.attemptTimer = undefined;
    this.nextRetryAt.set(null);
  }

  private readonly handleOffline = (): void => {
    this.clearTimers();
    this.dropSocket(1000, 'browser offline');
    this.status.set('offline');
  };

  private readonly handleOnline = (): void => {
    if (!this.token || this.socket) return;
    this.clearTimers();
    this.failures = 0;
    this.connect();
  };

  private listenToBrowser(on: boolean): void {
    if (on === this.listening) return;
    this.listening = on;
    const method = on ? 'addEventListener' : 'removeEventListener';
    window[method]('offline', this.handleOffline);
    window[method]('online', this.handleOnline);
  }
}

// helpers //////////

function defaultUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/api/ws`;
}

/** 1 s for the first retry, then doubling up to 30 s. */
function retryDelay(failures: number): number {
  return Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** Math.max(0, failures - 1));
}

function isBrowserOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

function parseEvent(data: unknown): RealtimeEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const value = JSON.parse(data) as unknown;
    if (value && typeof value === 'object' && typeof (value as RealtimeEvent).type === 'string') {
      return value as RealtimeEvent;
    }
  } catch {
    // not JSON: ignore
  }
  return null;
}
