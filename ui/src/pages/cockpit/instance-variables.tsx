import { useState } from 'preact/hooks';
import { ApiError, toApiError } from '../../api/api-error.js';
import { setInstanceVariables } from '../../api/instances-api.js';
import type { ProcessInstanceDetail } from '../../api/workflow-types.js';
import { ErrorAlert } from '../../components/alert.js';
import { VariablesEditor } from '../../components/variables-editor.js';
import { VariablesTable } from '../../components/variables-table.js';
import { emptyRow, rowsToVariables, type VariableRow } from '../../lib/variables.js';

/** The instance's variables; while it runs, "Edit variables" sets new or changed ones (e.g. to fix an incident's data). */
export function InstanceVariables({ instance, onChanged }: { instance: ProcessInstanceDetail; onChanged: () => void }) {
  const [rows, setRows] = useState<VariableRow[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = instance.state === 'active' || instance.state === 'incident';

  const startEditing = () => {
    setError(null);
    setRows([...Object.entries(instance.variables).map(([name, value]) => ({ ...emptyRow(), name, value: JSON.stringify(value) })), emptyRow()]);
  };

  async function save(event: Event) {
    event.preventDefault();
    if (!rows || busy) return;
    const { variables, problems } = rowsToVariables(rows);
    if (problems.length > 0) {
      setError(new ApiError('UI_ERR_VARIABLES', 'Please correct the variables.', 0, problems));
      return;
    }
    const changed = Object.fromEntries(Object.entries(variables).filter(([name, value]) => JSON.stringify(value) !== JSON.stringify(instance.variables[name])));
    setBusy(true);
    setError(null);
    try {
      if (Object.keys(changed).length > 0) await setInstanceVariables(instance.id, changed);
      setRows(null);
      onChanged();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="section" aria-labelledby="instance-variables-title">
      <div class="section__header">
        <h2 id="instance-variables-title">Variables</h2>
        {running && !rows && (
          <button type="button" class="button button--small" onClick={startEditing}>
            Edit variables
          </button>
        )}
      </div>
      {rows ? (
        <form class="form card card--padded" onSubmit={save} aria-label="Edit variables" aria-busy={busy} noValidate>
          <p class="field__hint">New and changed variables are saved; removing a row here does not delete the variable.</p>
          <VariablesEditor idPrefix="instance-var" rows={rows} onChange={setRows} disabled={busy} />
          {error && <ErrorAlert error={error} />}
          <div class="form__actions">
            <button type="button" class="button" disabled={busy} onClick={() => setRows(null)}>
              Cancel
            </button>
            <button type="submit" class="button button--primary" disabled={busy}>
              Save variables
            </button>
          </div>
        </form>
      ) : (
        <VariablesTable variables={instance.variables} label="Variables" testId="instance-variables" />
      )}
    </section>
  );
}
