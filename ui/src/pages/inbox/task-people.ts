import type { SessionUser } from '../../api/types.js';
import type { Task } from '../../api/workflow-types.js';

/** Whether `task` is assigned to `user` (models may name a user by id or e-mail). */
export function isMine(task: Task, user: SessionUser): boolean {
  return task.assignee !== null && (task.assignee === user.id || task.assignee === user.email);
}

/** Managers, designers and admins oversee every task (and may give any back). */
export function oversees(user: SessionUser): boolean {
  return user.roles.some((role) => role === 'manager' || role === 'designer' || role === 'admin');
}

/** "you", "unassigned", or the assignee as the server names them. */
export function assigneeLabel(task: Task, user: SessionUser): string {
  if (task.assignee === null) return 'unassigned';
  return isMine(task, user) ? 'you' : task.assignee;
}

/** The task's name, or its element id when the model gives none. */
export function taskTitle(task: Task): string {
  return task.name?.trim() || task.taskDefinitionKey;
}
