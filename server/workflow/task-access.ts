import type { Kysely } from 'kysely';
import type { Principal } from '../auth/sessions.repository.js';
import { mayAct } from '../auth/roles.js';
import { substitutedBy } from '../crm/access/viewer.js';
import type { Database } from '../db/tables/index.js';
import type { TaskDto } from '../../engine/index.js';

/**
 * Who may see and work a user task. Managers, designers and admins oversee every task.
 * Anyone else works tasks assigned to them, and unassigned tasks offered to them: by name
 * in candidateUsers, or through a candidate group. A user's identities are their id and
 * e-mail (process models may name either); their groups are their roles and their place
 * in the org chart (`position:<id>`, `unit:<id>`). A substitute works the absent user's
 * tasks for the time of the substitution: their identities and org groups join the
 * substitute's (roles do not: a substitute of an admin does not become one).
 */
export interface TaskWorker {
  readonly oversees: boolean;
  readonly identities: readonly string[];
  readonly groups: readonly string[];
}

export function oversees(principal: Principal): boolean {
  return mayAct(principal.roles, ['manager', 'designer']);
}

export async function taskWorkerOf(db: Kysely<Database>, principal: Principal, at = new Date()): Promise<TaskWorker> {
  if (oversees(principal)) return { oversees: true, identities: [principal.userId, principal.email], groups: [...principal.roles] };
  const absent = await substitutedBy(db, principal.userId, at);
  const actors = [principal.userId, ...absent];
  const [others, places] = await Promise.all([
    absent.length === 0 ? [] : db.selectFrom('users').select(['id', 'email']).where('id', 'in', absent).execute(),
    db.selectFrom('user_positions as up').innerJoin('positions as p', 'p.id', 'up.position_id').select(['p.id as positionId', 'p.unit_id as unitId']).where('up.user_id', 'in', actors).execute(),
  ]);
  return {
    oversees: false,
    identities: [principal.userId, principal.email, ...others.flatMap((user) => [user.id, user.email])],
    groups: [...new Set([...principal.roles, ...places.flatMap((place) => [`position:${place.positionId}`, `unit:${place.unitId}`])])],
  };
}

export function mayWorkTask(worker: TaskWorker, task: TaskDto): boolean {
  if (worker.oversees) return true;
  if (task.assignee !== null) return worker.identities.includes(task.assignee);
  return task.candidateUsers.some((u) => worker.identities.includes(u)) || task.candidateGroups.some((g) => worker.groups.includes(g));
}
