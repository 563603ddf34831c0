import type { DeploymentProblem } from '../../api/workflow-types.js';

/** The problems of a rejected deployment: which file, which element, what is wrong. */
export function DeployProblems({ problems }: { problems: readonly DeploymentProblem[] }) {
  return (
    <div class="table-wrap card">
      <table class="table table--compact" aria-label="Deployment problems" data-testid="deploy-problems">
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col">Element id</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            <tr key={index}>
              <td>{problem.resource ?? '—'}</td>
              <td class="mono">{problem.elementId ?? '—'}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
