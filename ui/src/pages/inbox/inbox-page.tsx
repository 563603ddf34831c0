import { useEffect, useState } from 'preact/hooks';
import type { SessionUser } from '../../api/types.js';
import { PageHeading } from '../../components/page-heading.js';
import { subPath } from '../../navigation/nav-model.js';
import { navigate } from '../../router/hash-router.js';
import { TaskList } from './task-list.js';
import { TaskView } from './task-view.js';
import { useTasks } from './use-tasks.js';

/**
 * Sales → Inbox: the open user tasks the user may work (`#/inbox`), and one task with its
 * instance's variables and a completion form (`#/inbox/<task id>`).
 */
export function InboxPage({ user, path }: { user: SessionUser; path: string }) {
  const list = useTasks();
  const taskId = subPath(path, '/inbox');
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (taskId) setNotice(null); // the notice is about the last task, not the next one
  }, [taskId]);

  if (taskId) {
    return (
      <TaskView
        key={taskId}
        taskId={taskId}
        user={user}
        onChanged={(task) => list.replace(task.id, task)}
        onGone={(message) => {
          list.replace(taskId, null);
          list.refresh();
          setNotice(message);
          navigate('/inbox');
        }}
      />
    );
  }
  return (
    <div class="page">
      <PageHeading lead="Tasks assigned to you, and unassigned tasks offered to your groups. The list refreshes by itself.">Inbox</PageHeading>
      {notice && (
        <p class="notice notice--success" role="status">
          {notice}
        </p>
      )}
      <TaskList list={list} user={user} />
    </div>
  );
}
