import type { Principal } from '../auth/sessions.repository.js';
import { mayAct } from '../auth/roles.js';
import type { TaskDto } from '../../engine/index.js';

/**
 * Who may see and work a user task. Managers, designers and admins oversee every task.
 * Anyone else works tasks assigned to them, and unassigned tasks offered to them: by
 * name in candidateUsers, or through a candidate group. A user's identities are their id
 * and e-mail (process models may name either); their groups are, for now, their roles
 * (org units and positions join with the organisation module).
 */
export function oversees(principal: Principal): boolean {
  return mayAct(principal.roles, ['manager', 'designer']);
}

export function identitiesOf(principal: Principal): string[] {
  return [principal.userId, principal.email];
}

export function groupsOf(principal: Principal): string[] {
  return [...principal.roles];
}

export function mayWorkTask(principal: Principal, task: TaskDto): boolean {
  if (oversees(principal)) return true;
  const me = identitiesOf(principal);
  if (task.assignee !== null) return me.includes(task.assignee);
  return task.candidateUsers.some((u) => me.includes(u)) || task.candidateGroups.some((g) => groupsOf(principal).includes(g));
}
