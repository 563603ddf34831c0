import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-error.js';
import { listInstances } from '../../api/instances-api.js';
import type { InstanceFilter, ProcessInstance } from '../../api/workflow-types.js';
import { ErrorAlert } from '../../components/alert.js';
import { InstanceFilters } from './instance-filters.js';
import { InstanceTable } from './instance-table.js';

const PAGE_SIZE = 50;

/** The instances matching the filter, a page at a time ("Load more" follows `x-next-cursor`). */
export function InstanceList() {
  const [filter, setFilter] = useState<InstanceFilter>({});
  const [items, setItems] = useState<ProcessInstance[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const current = useRef<AbortController | null>(null);

  const load = useCallback(async (wanted: InstanceFilter, after: string | null) => {
    current.current?.abort();
    const controller = (current.current = new AbortController());
    setBusy(true);
    setError(null);
    try {
      const page = await listInstances({ ...wanted, limit: PAGE_SIZE, ...(after ? { after } : {}) }, controller.signal);
      if (controller.signal.aborted) return;
      setItems((previous) => (after ? [...(previous ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (caught) {
      if (!controller.signal.aborted) setError(toApiError(caught));
    } finally {
      if (!controller.signal.aborted) setBusy(false);
    }
  }, []);

  useEffect(() => {
    void load(filter, null);
    return () => current.current?.abort();
  }, [filter, load]);

  return (
    <section class="section" aria-labelledby="instances-title">
      <div class="section__header">
        <h2 id="instances-title">Instances</h2>
        <button type="button" class="button button--small" disabled={busy} onClick={() => void load(filter, null)}>
          Refresh
        </button>
      </div>
      <InstanceFilters initial={filter} onApply={setFilter} busy={busy} />
      {error && <ErrorAlert error={error} />}
      <InstanceTable items={items} />
      {cursor && (
        <div>
          <button type="button" class="button" disabled={busy} onClick={() => void load(filter, cursor)}>
            Load more
          </button>
        </div>
      )}
    </section>
  );
}
