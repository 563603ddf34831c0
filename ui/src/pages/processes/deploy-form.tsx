import { useRef, useState } from 'preact/hooks';
import { ApiError, toApiError } from '../../api/api-error.js';
import { deploy, deploymentProblems } from '../../api/definitions-api.js';
import type { Deployment, DeploymentProblem } from '../../api/workflow-types.js';
import { ErrorAlert } from '../../components/alert.js';
import { DeployProblems } from './deploy-problems.js';

/** "Deploy": one or more .bpmn files and a name; shows the versions created, or the model's problems. */
export function DeployForm({ onDeployed }: { onDeployed: (deployment: Deployment) => void }) {
  const [name, setName] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [problems, setProblems] = useState<DeploymentProblem[]>([]);
  const [deployed, setDeployed] = useState<Deployment | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting) return;
    setDeployed(null);
    setProblems([]);
    if (files.length === 0) {
      setError(new ApiError('UI_ERR_REQUIRED', 'Choose at least one .bpmn file.', 0));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const resources = await Promise.all(files.map(async (file) => ({ name: file.name, xml: await file.text() })));
      const deploymentName = name.trim() || files.map((file) => file.name.replace(/\.(bpmn|xml)$/i, '')).join(', ');
      const result = await deploy({ name: deploymentName, resources });
      setDeployed(result);
      setName('');
      setFiles([]);
      if (fileInput.current) fileInput.current.value = '';
      onDeployed(result);
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError);
      setProblems(deploymentProblems(apiError));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form class="form card card--padded" onSubmit={submit} aria-labelledby="deploy-title" aria-busy={submitting} noValidate>
      <h2 id="deploy-title" class="card__title">
        Deploy
      </h2>
      <div class="form__grid">
        <div class="field">
          <label for="deploy-files">BPMN files</label>
          <input
            ref={fileInput}
            id="deploy-files"
            type="file"
            accept=".bpmn,.xml,application/xml,text/xml"
            multiple
            onChange={(event) => setFiles([...(event.currentTarget.files ?? [])])}
          />
        </div>
        <div class="field">
          <label for="deploy-name">Deployment name</label>
          <input id="deploy-name" type="text" autoComplete="off" placeholder="Defaults to the file names" value={name} onInput={(event) => setName(event.currentTarget.value)} />
        </div>
      </div>
      {error && <ErrorAlert error={error} />}
      {problems.length > 0 && <DeployProblems problems={problems} />}
      {deployed && (
        <div class="notice notice--success" role="status" data-testid="deploy-result">
          Deployed:{' '}
          {deployed.processDefinitions.map((definition, index) => (
            <span key={definition.id}>
              {index > 0 && ', '}
              <strong>{definition.key}</strong> version {definition.version}
            </span>
          ))}
          .
        </div>
      )}
      <div class="form__actions">
        <button type="submit" class="button button--primary" disabled={submitting}>
          Deploy
        </button>
      </div>
    </form>
  );
}
