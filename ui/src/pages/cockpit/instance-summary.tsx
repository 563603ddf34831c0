import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-error.js';
import { cancelInstance } from '../../api/instances-api.js';
import type { ProcessInstanceDetail } from '../../api/workflow-types.js';
import { ErrorAlert } from '../../components/alert.js';
import { StateBadge } from '../../components/state-badge.js';
import { formatDateTime, formatDuration } from '../../lib/format.js';
import { hrefFor } from '../../router/hash-router.js';

/** State, process version, business key, times, parent; "Cancel instance" (asks once more) while it runs. */
export function InstanceSummary({ instance, onChanged }: { instance: ProcessInstanceDetail; onChanged: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = instance.state === 'active' || instance.state === 'incident';

  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      await cancelInstance(instance.id);
      setConfirming(false);
      onChanged();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card card--padded" aria-labelledby="instance-summary-title">
      <div class="card__header">
        <h2 id="instance-summary-title" class="card__title">
          Summary
        </h2>
        {running && !confirming && (
          <button type="button" class="button button--small button--danger" onClick={() => setConfirming(true)}>
            Cancel instance
          </button>
        )}
      </div>
      {confirming && (
        <div class="confirm" role="group" aria-label="Confirm cancelling">
          <p>Cancel this instance and the instances it called? Its open tasks and jobs end.</p>
          <button type="button" class="button button--small button--danger" disabled={busy} onClick={() => void cancel()}>
            Yes, cancel it
          </button>
          <button type="button" class="button button--small" disabled={busy} onClick={() => setConfirming(false)}>
            Keep it running
          </button>
        </div>
      )}
      {error && <ErrorAlert error={error} />}
      <dl class="details">
        <dt>State</dt>
        <dd>
          <StateBadge state={instance.state} testId="instance-state" />
        </dd>
        <dt>Process</dt>
        <dd class="mono">{instance.processDefinitionId ?? instance.processDefinitionKey ?? '—'}</dd>
        <dt>Business key</dt>
        <dd>{instance.businessKey ?? '—'}</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(instance.startTime)}</dd>
        <dt>Ended</dt>
        <dd>
          {formatDateTime(instance.endTime)}
          {instance.startTime && instance.endTime && <span class="muted"> (took {formatDuration(instance.startTime, instance.endTime)})</span>}
        </dd>
        {instance.parentInstanceId && (
          <>
            <dt>Parent instance</dt>
            <dd class="mono">
              <a href={hrefFor(`/cockpit/${encodeURIComponent(instance.parentInstanceId)}`)}>{instance.parentInstanceId}</a>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
