import { useState } from 'preact/hooks';
import type { ApiError } from '../../api/api-error.js';
import type { ProcessInstanceDetail } from '../../api/workflow-types.js';
import { ErrorAlert } from '../../components/alert.js';
import { formatDateTime } from '../../lib/format.js';
import { ResolveIncidentButton } from './resolve-incident-button.js';

/** Where the instance stands: its active elements, and its incidents with a Resolve button each. */
export function InstanceActivity({ instance, onChanged }: { instance: ProcessInstanceDetail; onChanged: () => void }) {
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <div class="two-columns">
      <section class="section" aria-labelledby="active-elements-title">
        <h2 id="active-elements-title">Active elements</h2>
        {instance.activeElements.length === 0 ? (
          <p class="muted">Nothing is active.</p>
        ) : (
          <ul class="plain-list" data-testid="active-elements">
            {instance.activeElements.map((element) => (
              <li key={element.elementInstanceId}>
                <span class="mono">{element.elementId}</span> <span class="muted">({element.kind})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="section" aria-labelledby="instance-incidents-title">
        <h2 id="instance-incidents-title">Incidents</h2>
        {error && <ErrorAlert error={error} />}
        {instance.incidents.length === 0 ? (
          <p class="muted">No open incidents.</p>
        ) : (
          <ul class="plain-list" data-testid="instance-incidents">
            {instance.incidents.map((incident) => (
              <li key={incident.id} class="incident">
                <div>
                  <span class="mono">{incident.elementId}</span> · {incident.errorType} <span class="muted">since {formatDateTime(incident.createdAt)}</span>
                  <p class="wrap">{incident.message}</p>
                </div>
                <ResolveIncidentButton incidentId={incident.id} elementId={incident.elementId} onResolved={onChanged} onError={setError} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
