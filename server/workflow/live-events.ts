import type { CommandApplied } from '../../engine/index.js';
import type { Audience, RealtimeEvent } from '../realtime/realtime-hub.js';
import { ROLES, type Role } from '../db/tables/index.js';

/**
 * What browsers hear of the engine: small change notices, never data (a page re-reads
 * what it shows). Tasks go to the people concerned — assignee, candidate users,
 * candidate groups that are roles — and to managers; instance changes to managers and
 * designers.
 */
export function liveEventsOf(applied: readonly CommandApplied[]): Array<{ event: RealtimeEvent; audience: Audience }> {
  const out: Array<{ event: RealtimeEvent; audience: Audience }> = [];
  for (const { state, events } of applied) {
    for (const event of events) {
      if (event.type === 'user-task-created' || event.type === 'user-task-assigned' || event.type === 'user-task-completed' || event.type === 'user-task-cancelled') {
        const task = state.userTasks[event.payload.taskKey];
        const people = [task?.assignee, ...(task?.candidateUsers ?? [])].filter((p): p is string => typeof p === 'string');
        const groups = (task?.candidateGroups ?? []).filter((g): g is Role => (ROLES as readonly string[]).includes(g));
        out.push({
          event: { type: 'task.changed', change: event.type.slice('user-task-'.length), taskId: event.payload.taskKey, processInstanceId: state.id },
          audience: { userIds: people, roles: [...new Set<Role>([...groups, 'manager'])] },
        });
      }
    }
    const ended = events.some((e) => e.type === 'instance-created' || e.type === 'instance-completed' || e.type === 'instance-terminated' || e.type === 'incident-created' || e.type === 'incident-resolved');
    if (ended) out.push({ event: { type: 'instance.changed', processInstanceId: state.id, state: state.state }, audience: { roles: ['manager', 'designer'] } });
  }
  return out;
}
