import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-error.js';
import { resolveIncident } from '../../api/instances-api.js';

/** "Resolve": the incident's job gets retries again, or the failed step runs again. */
export function ResolveIncidentButton({ incidentId, elementId, onResolved, onError }: { incidentId: string; elementId: string; onResolved: () => void; onError: (error: ApiError | null) => void }) {
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    onError(null);
    try {
      await resolveIncident(incidentId);
      onResolved();
    } catch (caught) {
      onError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" class="button button--small" aria-label={`Resolve the incident at ${elementId}`} disabled={busy} onClick={() => void run()}>
      Resolve
    </button>
  );
}
