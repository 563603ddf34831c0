import { formatJson } from '../lib/format.js';

/** Variables, read-only: one row per name with its JSON value. */
export function VariablesTable({ variables, label, testId }: { variables: Record<string, unknown>; label: string; testId?: string }) {
  const names = Object.keys(variables).sort((a, b) => a.localeCompare(b));
  if (names.length === 0) return <p class="muted" data-testid={testId}>No variables.</p>;
  return (
    <div class="table-wrap card">
      <table class="table table--compact" aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {names.map((name) => (
            <tr key={name} data-variable={name}>
              <th scope="row" class="mono">
                {name}
              </th>
              <td class="mono value-cell">{formatJson(variables[name])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
