import { useState } from 'preact/hooks';
import type { ApiError } from '../../api/api-error.js';
import type { SessionUser } from '../../api/types.js';
import type { Task } from '../../api/workflow-types.js';
import { ErrorAlert } from '../../components/alert.js';
import { formatDateTime } from '../../lib/format.js';
import { hrefFor } from '../../router/hash-router.js';
import { TaskClaimButton } from './task-claim-button.js';
import { assigneeLabel, taskTitle } from './task-people.js';

export const TASK_COLUMNS = 9;

/** One open task: what, which process and deal, when, who; Claim / Unclaim. */
export function TaskRow({ task, user, onChanged }: { task: Task; user: SessionUser; onChanged: (task: Task) => void }) {
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <>
      <tr data-task-id={task.id} data-testid="task-row">
        <th scope="row">
          <a href={hrefFor(`/inbox/${encodeURIComponent(task.id)}`)}>{taskTitle(task)}</a>
        </th>
        <td class="mono nowrap">{task.processDefinitionKey}</td>
        <td>{task.businessKey ?? '—'}</td>
        <td class="nowrap">{formatDateTime(task.createdAt)}</td>
        <td class="nowrap">{formatDateTime(task.dueDate)}</td>
        <td>{task.priority}</td>
        <td class={task.assignee === null ? 'muted' : undefined} data-testid="task-assignee">
          {assigneeLabel(task, user)}
        </td>
        <td>{task.candidateGroups.length > 0 ? task.candidateGroups.join(', ') : '—'}</td>
        <td class="table__actions">
          <TaskClaimButton task={task} user={user} onChanged={onChanged} onError={setError} />
        </td>
      </tr>
      {error && (
        <tr class="table__error-row">
          <td colSpan={TASK_COLUMNS}>
            <ErrorAlert error={error} />
          </td>
        </tr>
      )}
    </>
  );
}
