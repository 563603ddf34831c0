import { useState } from 'preact/hooks';
import type { ApiError } from '../../api/api-error.js';
import { listIncidents } from '../../api/instances-api.js';
import type { Incident } from '../../api/workflow-types.js';
import { ErrorAlert } from '../../components/alert.js';
import { formatDateTime } from '../../lib/format.js';
import { useResource } from '../../lib/use-resource.js';
import { hrefFor } from '../../router/hash-router.js';
import { ResolveIncidentButton } from './resolve-incident-button.js';

const COLUMNS = 6;

/** Every open incident, newest first, each with a link to its instance and a Resolve button. */
export function OpenIncidents() {
  const { data: incidents, error: loadError, reload: load } = useResource((signal) => listIncidents({ open: true }, signal), []);
  // A failed Resolve is shown above the table until a later Resolve succeeds.
  const [actionError, setError] = useState<ApiError | null>(null);
  const error = actionError ?? loadError;

  return (
    <section class="section" aria-labelledby="incidents-title">
      <h2 id="incidents-title">Open incidents</h2>
      {error && <ErrorAlert error={error} />}
      <div class="table-wrap card">
        <table class="table table--compact" aria-label="Open incidents" data-testid="open-incidents">
          <thead>
            <tr>
              <th scope="col">Instance</th>
              <th scope="col">Element</th>
              <th scope="col">Type</th>
              <th scope="col">Message</th>
              <th scope="col">Since</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {incidents === null || incidents.length === 0 ? (
              <tr>
                <td colSpan={COLUMNS} class="table__message">
                  {incidents === null ? 'Loading incidents…' : 'No open incidents.'}
                </td>
              </tr>
            ) : (
              incidents.map((incident) => (
                <tr key={incident.id} data-incident-id={incident.id}>
                  <th scope="row" class="mono">
                    <a href={hrefFor(`/cockpit/${encodeURIComponent(incident.processInstanceId)}`)}>{incident.processInstanceId}</a>
                  </th>
                  <td class="mono">{incident.elementId}</td>
                  <td>{incident.errorType}</td>
                  <td class="wrap">{incident.message}</td>
                  <td class="nowrap">{formatDateTime(incident.createdAt)}</td>
                  <td class="table__actions">
                    <ResolveIncidentButton incidentId={incident.id} elementId={incident.elementId} onResolved={() => { setError(null); load(); }} onError={setError} />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
