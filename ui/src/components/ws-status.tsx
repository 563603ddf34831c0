import { useEffect, useState } from 'preact/hooks';
import { realtime, useNextRetryAt, useRealtimeStatus } from '../realtime/realtime.js';

const DESCRIPTIONS = {
  live: 'Live updates are on.',
  connecting: 'Connecting to live updates…',
  offline: 'Live updates are off.',
} as const;

/**
 * The live-connection indicator: a coloured dot and exactly `live`, `connecting` or `offline`
 * in `[data-testid=ws-status]`; when offline and a retry is scheduled, a "Retry" button.
 */
export function WsStatus() {
  const status = useRealtimeStatus();
  const retryAt = useNextRetryAt();
  const seconds = useSecondsUntil(retryAt);
  const canRetry = status === 'offline' && retryAt !== null;
  const detail = canRetry ? `${DESCRIPTIONS.offline} Retrying in ${seconds} s.` : DESCRIPTIONS[status];

  return (
    <div class={`ws-indicator ws-indicator--${status}`} title={detail}>
      <span class="ws-indicator__state" aria-live="polite">
        <span class="visually-hidden">Live updates: </span>
        <span class="ws-indicator__dot" aria-hidden="true" />
        <span data-testid="ws-status">{status}</span>
      </span>
      {canRetry && (
        <button type="button" class="ws-indicator__retry" onClick={() => realtime.retryNow()}>
          Retry
        </button>
      )}
    </div>
  );
}

// helpers //////////

/** Whole seconds until `at`, ticking once a second; null without a target. */
function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
