import { useCallback, useEffect, useState } from 'preact/hooks';
import { useRealtimeEvent } from '../../realtime/realtime.js';
import { toApiError, type ApiError } from '../../api/api-error.js';
import { activityHistory, getInstance } from '../../api/instances-api.js';
import type { ActivityInstance, ProcessInstanceDetail } from '../../api/workflow-types.js';
import { ErrorAlert } from '../../components/alert.js';
import { PageHeading } from '../../components/page-heading.js';
import { hrefFor } from '../../router/hash-router.js';
import { ActivityHistory } from './activity-history.js';
import { InstanceActivity } from './instance-activity.js';
import { InstanceSummary } from './instance-summary.js';
import { InstanceVariables } from './instance-variables.js';

/** One process instance (`#/cockpit/<id>`): state, variables, what is active, incidents, history. */
export function InstancePage({ instanceId }: { instanceId: string }) {
  const [instance, setInstance] = useState<ProcessInstanceDetail | null>(null);
  const [history, setHistory] = useState<ActivityInstance[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const [detail, rows] = await Promise.all([getInstance(instanceId, signal), activityHistory(instanceId, signal)]);
        if (signal?.aborted) return;
        setInstance(detail);
        setHistory(rows);
        setError(null);
      } catch (caught) {
        if (!signal?.aborted) setError(toApiError(caught));
      }
    },
    [instanceId],
  );
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const reload = () => void load();
  // The engine announces changes of instances (state, incidents) to managers and designers.
  useRealtimeEvent('instance.changed', (event) => {
    if (event.processInstanceId === instanceId) reload();
  });
  return (
    <div class="page">
      <p>
        <a href={hrefFor('/cockpit')}>← All instances</a>
      </p>
      <PageHeading lead={<span class="mono">{instanceId}</span>}>
        {instance ? `${instance.processDefinitionKey ?? 'Instance'}${instance.businessKey ? ` · ${instance.businessKey}` : ''}` : 'Process instance'}
      </PageHeading>
      {error && (
        <ErrorAlert error={error}>
          <button type="button" class="button button--small" onClick={reload}>
            Try again
          </button>
        </ErrorAlert>
      )}
      {!instance && !error && <p class="muted">Loading the instance…</p>}
      {instance && (
        <>
          <InstanceSummary instance={instance} onChanged={reload} />
          <InstanceVariables instance={instance} onChanged={reload} />
          <InstanceActivity instance={instance} onChanged={reload} />
          <section class="section" aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            <ActivityHistory rows={history} />
          </section>
        </>
      )}
    </div>
  );
}
