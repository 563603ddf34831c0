import { useState } from 'preact/hooks';
import type { ProcessDefinition } from '../../api/workflow-types.js';
import { formatDateTime } from '../../lib/format.js';
import { DefinitionXmlView } from './definition-xml-view.js';
import { StartInstanceForm } from './start-instance-form.js';

/** One process key: its versions (latest first), "View XML" per version, and "Start instance". */
export function DefinitionCard({ processKey, versions }: { processKey: string; versions: ProcessDefinition[] }) {
  const [starting, setStarting] = useState(false);
  const [xmlOf, setXmlOf] = useState<string | null>(null);
  const latest = versions[0];
  const titleId = `definition-${processKey}-title`;

  return (
    <section class="card card--padded definition-card" aria-labelledby={titleId} data-testid="definition-card" data-key={processKey}>
      <div class="card__header">
        <h3 id={titleId} class="card__title">
          <span class="mono">{processKey}</span>
          {latest?.name && <span class="muted"> · {latest.name}</span>}
        </h3>
        <button type="button" class="button button--small" aria-expanded={starting} onClick={() => setStarting((open) => !open)}>
          {starting ? 'Close' : 'Start instance'}
        </button>
      </div>
      {starting && <StartInstanceForm processKey={processKey} />}
      <div class="table-wrap">
        <table class="table table--compact" aria-label={`Versions of ${processKey}`}>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Name</th>
              <th scope="col">Version tag</th>
              <th scope="col">Deployed</th>
              <th scope="col">Definition id</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {versions.map((definition) => (
              <tr key={definition.id} data-definition-id={definition.id}>
                <th scope="row">{definition.version}</th>
                <td>{definition.name ?? '—'}</td>
                <td>{definition.versionTag ?? '—'}</td>
                <td class="nowrap">{formatDateTime(definition.createdAt)}</td>
                <td class="mono">{definition.id}</td>
                <td class="table__actions">
                  <button
                    type="button"
                    class="button button--small"
                    aria-expanded={xmlOf === definition.id}
                    aria-label={`${xmlOf === definition.id ? 'Hide' : 'View'} XML of ${processKey} version ${definition.version}`}
                    onClick={() => setXmlOf((shown) => (shown === definition.id ? null : definition.id))}
                  >
                    {xmlOf === definition.id ? 'Hide XML' : 'View XML'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {xmlOf && <DefinitionXmlView key={xmlOf} definitionId={xmlOf} />}
    </section>
  );
}
