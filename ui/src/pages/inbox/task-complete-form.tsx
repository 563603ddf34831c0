import { useState } from 'preact/hooks';
import { ApiError, toApiError } from '../../api/api-error.js';
import { completeTask, ENG_ERR_TASK_ALREADY_COMPLETED } from '../../api/tasks-api.js';
import type { Task } from '../../api/workflow-types.js';
import { ErrorAlert } from '../../components/alert.js';
import { VariablesEditor } from '../../components/variables-editor.js';
import { emptyRow, rowsToVariables, type VariableRow } from '../../lib/variables.js';
import { hrefFor } from '../../router/hash-router.js';
import { taskTitle } from './task-people.js';

/** Completes the task with the variables typed in (forms by `formKey` come later). */
export function TaskCompleteForm({ task, onCompleted }: { task: Task; onCompleted: (message: string) => void }) {
  const [rows, setRows] = useState<VariableRow[]>(() => [emptyRow()]);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [alreadyDone, setAlreadyDone] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (submitting) return;
    const { variables, problems } = rowsToVariables(rows);
    if (problems.length > 0) {
      setError(new ApiError('UI_ERR_VARIABLES', 'Please correct the variables.', 0, problems));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await completeTask(task.id, variables);
      onCompleted(`Completed "${taskTitle(task)}".`);
    } catch (caught) {
      const apiError = toApiError(caught);
      if (apiError.code === ENG_ERR_TASK_ALREADY_COMPLETED) setAlreadyDone(true);
      else setError(apiError);
      setSubmitting(false);
    }
  }

  if (alreadyDone) {
    return (
      <div class="alert alert--error" role="alert" data-testid="task-already-completed">
        <p class="alert__message">This task was already completed by someone else, so your input was not saved.</p>
        <p>
          <a href={hrefFor('/inbox')}>Back to the inbox</a>
        </p>
      </div>
    );
  }
  return (
    <form class="form card card--padded" onSubmit={submit} aria-labelledby="complete-task-title" aria-busy={submitting} noValidate>
      <h2 id="complete-task-title" class="card__title">
        Complete the task
      </h2>
      <VariablesEditor idPrefix={`complete-${task.id}`} legend="Variables to set" rows={rows} onChange={setRows} disabled={submitting} />
      {error && <ErrorAlert error={error} />}
      <div class="form__actions">
        <button type="submit" class="button button--primary" disabled={submitting}>
          Complete
        </button>
      </div>
    </form>
  );
}
