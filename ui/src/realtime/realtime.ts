/**
 * The app's one realtime connection and the hooks pages use to follow it.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useStore } from '../lib/store.js';
import { RealtimeClient, type RealtimeEvent, type RealtimeStatus } from './realtime-client.js';

export type { RealtimeEvent, RealtimeStatus } from './realtime-client.js';

/** Started on sign-in and stopped on sign-out by the session. */
export const realtime = new RealtimeClient();

/** `live`, `connecting` or `offline`, re-rendering on change. */
export function useRealtimeStatus(): RealtimeStatus {
  return useStore(realtime.status);
}

/** When the next reconnect attempt is due (ms since epoch), or null. */
export function useNextRetryAt(): number | null {
  return useStore(realtime.nextRetryAt);
}

/**
 * Calls `handler` for each event of `type` (`'*'` for all) while the component is mounted.
 * The latest `handler` is used, so it need not be memoised.
 */
export function useRealtimeEvent(type: string, handler: (event: RealtimeEvent) => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => realtime.subscribe(type, (event) => latest.current(event)), [type]);
}
