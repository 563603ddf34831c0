import { useEffect, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-error.js';
import { definitionXml } from '../../api/definitions-api.js';
import { ErrorAlert } from '../../components/alert.js';

/** The BPMN XML of one version, as text. */
export function DefinitionXmlView({ definitionId }: { definitionId: string }) {
  const [xml, setXml] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    definitionXml(definitionId, controller.signal).then(
      (result) => !controller.signal.aborted && setXml(result.xml),
      (caught: unknown) => !controller.signal.aborted && setError(toApiError(caught)),
    );
    return () => controller.abort();
  }, [definitionId]);

  if (error) return <ErrorAlert error={error} />;
  if (xml === null) return <p class="muted">Loading the XML…</p>;
  return (
    <pre class="code-block" aria-label={`BPMN XML of ${definitionId}`} data-testid="definition-xml" tabIndex={0}>
      {xml}
    </pre>
  );
}
