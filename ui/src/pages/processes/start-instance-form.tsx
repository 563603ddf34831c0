import { useState } from 'preact/hooks';
import { ApiError, toApiError } from '../../api/api-error.js';
import { startInstance } from '../../api/definitions-api.js';
import type { ProcessInstance } from '../../api/workflow-types.js';
import { ErrorAlert } from '../../components/alert.js';
import { VariablesEditor } from '../../components/variables-editor.js';
import { emptyRow, rowsToVariables, type VariableRow } from '../../lib/variables.js';
import { hrefFor } from '../../router/hash-router.js';

/** Starts an instance of the latest version of `processKey` with a business key and variables. */
export function StartInstanceForm({ processKey }: { processKey: string }) {
  const [businessKey, setBusinessKey] = useState('');
  const [rows, setRows] = useState<VariableRow[]>(() => [emptyRow()]);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [started, setStarted] = useState<ProcessInstance | null>(null);
  const idPrefix = `start-${processKey}`;

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting) return;
    setStarted(null);
    const { variables, problems } = rowsToVariables(rows);
    if (problems.length > 0) {
      setError(new ApiError('UI_ERR_VARIABLES', 'Please correct the variables.', 0, problems));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      setStarted(await startInstance(processKey, { variables, businessKey: businessKey.trim() || null }));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form class="form start-instance" onSubmit={submit} aria-label={`Start ${processKey}`} aria-busy={submitting} noValidate>
      <div class="field">
        <label for={`${idPrefix}-business-key`}>Business key</label>
        <input id={`${idPrefix}-business-key`} type="text" autoComplete="off" spellcheck={false} value={businessKey} onInput={(event) => setBusinessKey(event.currentTarget.value)} />
      </div>
      <VariablesEditor idPrefix={`${idPrefix}-var`} rows={rows} onChange={setRows} disabled={submitting} />
      {error && <ErrorAlert error={error} />}
      {started && (
        <p class="notice notice--success" role="status" data-testid="started-instance" data-instance-id={started.id}>
          Started instance <span class="mono">{started.id}</span> ({started.state}).{' '}
          <a href={hrefFor(`/cockpit/${encodeURIComponent(started.id)}`)}>Open it in the Cockpit</a>
        </p>
      )}
      <div class="form__actions">
        <button type="submit" class="button button--primary" disabled={submitting}>
          Start
        </button>
      </div>
    </form>
  );
}
