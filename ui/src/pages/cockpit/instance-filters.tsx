import { useState } from 'preact/hooks';
import { INSTANCE_STATES, type InstanceFilter, type InstanceState } from '../../api/workflow-types.js';

/** Process key, state and business key; "Apply" hands the filter on. */
export function InstanceFilters({ initial, onApply, busy }: { initial: InstanceFilter; onApply: (filter: InstanceFilter) => void; busy: boolean }) {
  const [key, setKey] = useState(initial.processDefinitionKey ?? '');
  const [state, setState] = useState<InstanceState | ''>(initial.state ?? '');
  const [businessKey, setBusinessKey] = useState(initial.businessKey ?? '');

  function submit(event: Event) {
    event.preventDefault();
    onApply({
      ...(key.trim() ? { processDefinitionKey: key.trim() } : {}),
      ...(state ? { state } : {}),
      ...(businessKey.trim() ? { businessKey: businessKey.trim() } : {}),
    });
  }

  return (
    <form class="filters" onSubmit={submit} aria-label="Filter instances">
      <div class="field">
        <label for="filter-key">Process key</label>
        <input id="filter-key" type="text" autoComplete="off" spellcheck={false} value={key} onInput={(event) => setKey(event.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="filter-state">State</label>
        <select id="filter-state" value={state} onChange={(event) => setState(event.currentTarget.value as InstanceState | '')}>
          <option value="">Any state</option>
          {INSTANCE_STATES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-business-key">Business key</label>
        <input id="filter-business-key" type="text" autoComplete="off" spellcheck={false} value={businessKey} onInput={(event) => setBusinessKey(event.currentTarget.value)} />
      </div>
      <div class="filters__actions">
        <button type="submit" class="button" disabled={busy}>
          Apply filters
        </button>
      </div>
    </form>
  );
}
