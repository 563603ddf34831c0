import { emptyRow, type VariableRow } from '../lib/variables.js';

export interface VariablesEditorProps {
  /** Prefix for the field ids (unique on the page). */
  idPrefix: string;
  legend?: string;
  rows: VariableRow[];
  onChange: (rows: VariableRow[]) => void;
  disabled?: boolean;
}

/**
 * The plain variables editor (until forms by `formKey` arrive): rows of name and value. A
 * value is sent as JSON when it parses (`42`, `true`, `{"a":1}`), otherwise as text.
 */
export function VariablesEditor({ idPrefix, legend = 'Variables', rows, onChange, disabled }: VariablesEditorProps) {
  const update = (id: number, field: 'name' | 'value', text: string) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, [field]: text } : row)));
  const remove = (id: number) => {
    const rest = rows.filter((row) => row.id !== id);
    onChange(rest.length > 0 ? rest : [emptyRow()]);
  };

  return (
    <fieldset class="variables-editor" disabled={disabled}>
      <legend>{legend}</legend>
      <p class="field__hint">Values are read as JSON when they parse (42, true, {'{"a": 1}'}); anything else is text.</p>
      {rows.map((row, index) => {
        const id = `${idPrefix}-${row.id}`;
        return (
          <div key={row.id} class="variables-editor__row">
            <div class="field">
              <label for={`${id}-name`}>Variable name {index + 1}</label>
              <input id={`${id}-name`} type="text" spellcheck={false} autoComplete="off" value={row.name} onInput={(event) => update(row.id, 'name', event.currentTarget.value)} />
            </div>
            <div class="field">
              <label for={`${id}-value`}>Variable value {index + 1}</label>
              <input id={`${id}-value`} type="text" spellcheck={false} autoComplete="off" value={row.value} onInput={(event) => update(row.id, 'value', event.currentTarget.value)} />
            </div>
            <button type="button" class="button button--small button--ghost" aria-label={`Remove variable ${index + 1}`} onClick={() => remove(row.id)}>
              Remove
            </button>
          </div>
        );
      })}
      <div>
        <button type="button" class="button button--small" onClick={() => onChange([...rows, emptyRow()])}>
          Add variable
        </button>
      </div>
    </fieldset>
  );
}
