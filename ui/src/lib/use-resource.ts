import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../api/api-error.js';

export interface Resource<T> {
  /** The last value loaded; null until the first load succeeds. */
  readonly data: T | null;
  readonly error: ApiError | null;
  /** Loads again (after a change, a realtime notice, "Try again"); a load still running is abandoned. */
  readonly reload: () => void;
}

/**
 * Loads `fetcher` when the component mounts and whenever `deps` change. A load that is
 * overtaken (unmount, new deps, reload) is aborted and its answer ignored, so a slow
 * reply can never overwrite a newer one.
 */
export function useResource<T>(fetcher: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const latest = useRef(fetcher);
  latest.current = fetcher;
  const running = useRef<AbortController | null>(null);

  const reload = useCallback(() => {
    running.current?.abort();
    const controller = (running.current = new AbortController());
    latest.current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
      },
      (caught: unknown) => !controller.signal.aborted && setError(toApiError(caught)),
    );
  }, []);

  useEffect(() => {
    reload();
    return () => running.current?.abort();
  }, deps);

  return { data, error, reload };
}
