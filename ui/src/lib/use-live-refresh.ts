import { useEffect, useRef } from 'preact/hooks';
import { realtime } from '../realtime/realtime.js';

export interface LiveRefreshOptions {
  /** Poll this often while the tab is visible (ms); 0 for never. */
  intervalMs?: number;
  /** Also refresh on realtime events whose type starts with one of these (e.g. `task.`). */
  eventPrefixes?: readonly string[];
}

/**
 * Calls `refresh` when the window regains focus, when the realtime connection becomes ready
 * (after every reconnect), on matching realtime events, and every `intervalMs` while visible.
 * The latest `refresh` is used, so it need not be memoised.
 */
export function useLiveRefresh(refresh: () => void, { intervalMs = 0, eventPrefixes = [] }: LiveRefreshOptions = {}): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  const prefixes = eventPrefixes.join('|');

  useEffect(() => {
    const run = () => latest.current();
    const onVisible = () => document.visibilityState === 'visible' && run();
    window.addEventListener('focus', run);
    document.addEventListener('visibilitychange', onVisible);
    const wanted = prefixes === '' ? [] : prefixes.split('|');
    const unsubscribe = realtime.subscribe('*', (event) => {
      if (event.type === 'ready' || wanted.some((prefix) => event.type.startsWith(prefix))) run();
    });
    const timer = intervalMs > 0 ? setInterval(() => document.visibilityState === 'visible' && run(), intervalMs) : undefined;
    return () => {
      window.removeEventListener('focus', run);
      document.removeEventListener('visibilitychange', onVisible);
      unsubscribe();
      clearInterval(timer);
    };
  }, [intervalMs, prefixes]);
}
