import { useEffect, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-error.js';
import { getInstance } from '../../api/instances-api.js';
import { getTask } from '../../api/tasks-api.js';
import type { SessionUser } from '../../api/types.js';
import type { ProcessInstanceDetail, Task } from '../../api/workflow-types.js';
import { ErrorAlert } from '../../components/alert.js';
import { PageHeading } from '../../components/page-heading.js';
import { VariablesTable } from '../../components/variables-table.js';
import { formatDateTime } from '../../lib/format.js';
import { hrefFor } from '../../router/hash-router.js';
import { TaskClaimButton } from './task-claim-button.js';
import { TaskCompleteForm } from './task-complete-form.js';
import { assigneeLabel, taskTitle } from './task-people.js';

export interface TaskViewProps {
  taskId: string;
  user: SessionUser;
  onChanged: (task: Task) => void;
  /** The task left the user's inbox (completed here or elsewhere); `message` says how. */
  onGone: (message: string) => void;
}

/** One task: its details, its instance's variables (read-only) and the completion form. */
export function TaskView({ taskId, user, onChanged, onGone }: TaskViewProps) {
  const [task, setTask] = useState<Task | null>(null);
  const [instance, setInstance] = useState<ProcessInstanceDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [claimError, setClaimError] = useState<ApiError | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getTask(taskId, controller.signal)
      .then((loaded) => {
        if (controller.signal.aborted) return;
        setTask(loaded);
        return getInstance(loaded.processInstanceId, controller.signal).then((detail) => !controller.signal.aborted && setInstance(detail));
      })
      .catch((caught: unknown) => !controller.signal.aborted && setError(toApiError(caught)));
    return () => controller.abort();
  }, [taskId]);

  const changed = (next: Task) => {
    setTask(next);
    onChanged(next);
  };

  return (
    <div class="page">
      <p>
        <a href={hrefFor('/inbox')}>← Back to the inbox</a>
      </p>
      <PageHeading lead={task ? `${task.processDefinitionKey}${task.businessKey ? ` · ${task.businessKey}` : ''}` : undefined}>
        {task ? taskTitle(task) : 'Task'}
      </PageHeading>
      {error && <ErrorAlert error={error.status === 404 ? 'This task is no longer open for you: it was completed, cancelled or taken by someone else.' : error} />}
      {!task && !error && <p class="muted">Loading the task…</p>}
      {task && (
        <>
          <section class="card card--padded" aria-labelledby="task-details-title">
            <div class="card__header">
              <h2 id="task-details-title" class="card__title">
                Details
              </h2>
              <TaskClaimButton task={task} user={user} onChanged={changed} onError={setClaimError} />
            </div>
            {claimError && <ErrorAlert error={claimError} />}
            <dl class="details" data-testid="task-details">
              <dt>Task</dt>
              <dd class="mono">{task.taskDefinitionKey}</dd>
              <dt>Process</dt>
              <dd class="mono">{task.processDefinitionId ?? task.processDefinitionKey}</dd>
              <dt>Business key</dt>
              <dd>{task.businessKey ?? '—'}</dd>
              <dt>Assignee</dt>
              <dd data-testid="task-view-assignee">{assigneeLabel(task, user)}</dd>
              <dt>Candidate groups</dt>
              <dd>{task.candidateGroups.join(', ') || '—'}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(task.createdAt)}</dd>
              <dt>Due</dt>
              <dd>{formatDateTime(task.dueDate)}</dd>
              <dt>Priority</dt>
              <dd>{task.priority}</dd>
              {task.formKey && (
                <>
                  <dt>Form</dt>
                  <dd class="mono">{task.formKey}</dd>
                </>
              )}
            </dl>
          </section>
          <section class="section" aria-labelledby="task-variables-title">
            <h2 id="task-variables-title">Process variables</h2>
            {instance ? <VariablesTable variables={instance.variables} label="Process variables" testId="task-instance-variables" /> : <p class="muted">Loading the variables…</p>}
          </section>
          <TaskCompleteForm task={task} onCompleted={onGone} />
        </>
      )}
    </div>
  );
}
