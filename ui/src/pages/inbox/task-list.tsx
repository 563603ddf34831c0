import type { SessionUser } from '../../api/types.js';
import { ErrorAlert } from '../../components/alert.js';
import type { TaskList as TaskListState } from './use-tasks.js';
import { TASK_COLUMNS, TaskRow } from './task-row.js';

/** The inbox table, in the order the server gives (priority, then oldest first). */
export function TaskList({ list, user }: { list: TaskListState; user: SessionUser }) {
  const { tasks, error, refresh, replace } = list;
  return (
    <>
      {error && (
        <ErrorAlert error={error}>
          <button type="button" class="button button--small" onClick={refresh}>
            Try again
          </button>
        </ErrorAlert>
      )}
      <div class="table-wrap card">
        <table class="table" aria-label="Open tasks" data-testid="task-table" aria-busy={tasks === null}>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Process</th>
              <th scope="col">Business key</th>
              <th scope="col">Created</th>
              <th scope="col">Due</th>
              <th scope="col">Priority</th>
              <th scope="col">Assignee</th>
              <th scope="col">Candidate groups</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tasks === null ? (
              <tr>
                <td colSpan={TASK_COLUMNS} class="table__message">
                  {error ? 'The tasks could not be loaded.' : 'Loading tasks…'}
                </td>
              </tr>
            ) : tasks.length === 0 ? (
              <tr>
                <td colSpan={TASK_COLUMNS} class="table__message">
                  No open tasks for you right now.
                </td>
              </tr>
            ) : (
              tasks.map((task) => <TaskRow key={task.id} task={task} user={user} onChanged={(changed) => replace(task.id, changed)} />)
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
