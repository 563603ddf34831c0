import { definitionXml } from '../../api/definitions-api.js';
import { ErrorAlert } from '../../components/alert.js';
import { useResource } from '../../lib/use-resource.js';

/** The BPMN XML of one version, as text. */
export function DefinitionXmlView({ definitionId }: { definitionId: string }) {
  const { data, error } = useResource((signal) => definitionXml(definitionId, signal), [definitionId]);
  const xml = data?.xml ?? null;

  if (error) return <ErrorAlert error={error} />;
  if (xml === null) return <p class="muted">Loading the XML…</p>;
  return (
    <pre class="code-block" aria-label={`BPMN XML of ${definitionId}`} data-testid="definition-xml" tabIndex={0}>
      {xml}
    </pre>
  );
}
