import { listDefinitions } from '../../api/definitions-api.js';
import type { ProcessDefinition } from '../../api/workflow-types.js';
import { ErrorAlert } from '../../components/alert.js';
import { PageHeading } from '../../components/page-heading.js';
import { useResource } from '../../lib/use-resource.js';
import { useRealtimeEvent } from '../../realtime/realtime.js';
import { DefinitionCard } from './definition-card.js';
import { DeployForm } from './deploy-form.js';

/** Process design → Processes: deploy BPMN files, see every key with its versions, start instances. */
export function ProcessesPage() {
  const { data: definitions, error, reload } = useResource((signal) => listDefinitions({}, signal), []);
  // Another designer's deployment (and our own) arrives over the websocket.
  useRealtimeEvent('deployment.created', reload);

  const groups = groupByKey(definitions ?? []);
  return (
    <div class="page">
      <PageHeading lead="The deployed process definitions and their versions. Deploy a changed model to create a new version.">Processes</PageHeading>
      <DeployForm onDeployed={reload} />
      <section class="section" aria-labelledby="definitions-title">
        <h2 id="definitions-title">Deployed processes</h2>
        {error && (
          <ErrorAlert error={error}>
            <button type="button" class="button button--small" onClick={reload}>
              Try again
            </button>
          </ErrorAlert>
        )}
        {definitions === null && !error && <p class="muted">Loading the processes…</p>}
        {definitions?.length === 0 && <div class="empty-state">Nothing is deployed yet. Deploy a BPMN file above.</div>}
        {groups.map(([key, versions]) => (
          <DefinitionCard key={key} processKey={key} versions={versions} />
        ))}
      </section>
    </div>
  );
}

/** Definitions by key in the server's order (keys alphabetically, latest version first). */
function groupByKey(definitions: readonly ProcessDefinition[]): Array<[string, ProcessDefinition[]]> {
  const groups = new Map<string, ProcessDefinition[]>();
  for (const definition of definitions) {
    const list = groups.get(definition.key) ?? [];
    list.push(definition);
    groups.set(definition.key, list);
  }
  for (const list of groups.values()) list.sort((a, b) => b.version - a.version);
  return [...groups.entries()];
}
