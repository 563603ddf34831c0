import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-error.js';
import { claimTask, unclaimTask } from '../../api/tasks-api.js';
import type { SessionUser } from '../../api/types.js';
import type { Task } from '../../api/workflow-types.js';
import { isMine, oversees, taskTitle } from './task-people.js';

export interface TaskClaimButtonProps {
  task: Task;
  user: SessionUser;
  onChanged: (task: Task) => void;
  onError: (error: ApiError | null) => void;
}

/** "Claim" for an unassigned task, "Unclaim" for one the user holds (managers: any assigned one). */
export function TaskClaimButton({ task, user, onChanged, onError }: TaskClaimButtonProps) {
  const [busy, setBusy] = useState(false);
  const claim = task.assignee === null;
  if (!claim && !isMine(task, user) && !oversees(user)) return null;
  const label = claim ? 'Claim' : 'Unclaim';

  async function run() {
    setBusy(true);
    onError(null);
    try {
      onChanged(claim ? await claimTask(task.id) : await unclaimTask(task.id));
    } catch (caught) {
      onError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" class={claim ? 'button button--small button--primary' : 'button button--small'} aria-label={`${label} ${taskTitle(task)}`} disabled={busy} onClick={() => void run()}>
      {label}
    </button>
  );
}
