import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-error.js';
import { listTasks } from '../../api/tasks-api.js';
import type { Task } from '../../api/workflow-types.js';
import { useLiveRefresh } from '../../lib/use-live-refresh.js';

/** Refetch this often: the websocket does not send task events yet. */
const POLL_MS = 15_000;

export interface TaskList {
  tasks: Task[] | null;
  error: ApiError | null;
  refresh: () => void;
  /** Puts a changed task in place (claim / unclaim) or drops it (`null`, after completion). */
  replace: (id: string, task: Task | null) => void;
}

/** The open tasks the user may work, refreshed on focus, on reconnect, on task events and every 15 s. */
export function useTasks(): TaskList {
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const current = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    current.current?.abort();
    const controller = (current.current = new AbortController());
    listTasks({}, controller.signal).then(
      (items) => {
        if (controller.signal.aborted) return;
        setTasks(items);
        setError(null);
      },
      (caught: unknown) => !controller.signal.aborted && setError(toApiError(caught)),
    );
  }, []);

  useEffect(() => {
    refresh();
    return () => current.current?.abort();
  }, [refresh]);
  useLiveRefresh(refresh, { intervalMs: POLL_MS, eventPrefixes: ['task.'] });

  const replace = useCallback((id: string, task: Task | null) => {
    setTasks((list) => list && (task ? list.map((item) => (item.id === id ? task : item)) : list.filter((item) => item.id !== id)));
  }, []);

  return { tasks, error, refresh, replace };
}
