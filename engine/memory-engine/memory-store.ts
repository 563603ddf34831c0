import type { EngineEvent } from '../runtime/events.js';
import type { InstanceState } from '../state/instance-state.js';

/**
 * Instance states and event logs in memory, with the indexes a driver needs to route a
 * task, job or incident key to its instance (the shell keeps these as table rows).
 */
export class MemoryStore {
  readonly states = new Map<string, InstanceState>();
  readonly logs = new Map<string, EngineEvent[]>();
  readonly openTasks = new Map<string, string>();
  readonly endedTasks = new Map<string, 'completed' | 'cancelled'>();
  readonly openJobs = new Map<string, string>();
  readonly openIncidents = new Map<string, string>();

  constructor(private readonly recordEvents: boolean) {}

  save(state: InstanceState, events: readonly EngineEvent[]): void {
    this.states.set(state.id, state);
    if (this.recordEvents) {
      const log = this.logs.get(state.id);
      if (log) log.push(...events);
      else this.logs.set(state.id, [...events]);
    }
    for (const event of events) this.index(event);
  }

  private index(event: EngineEvent): void {
    switch (event.type) {
      case 'user-task-created':
        this.openTasks.set(event.payload.taskKey, event.instanceId);
        return;
      case 'user-task-completed':
      case 'user-task-cancelled':
        this.openTasks.delete(event.payload.taskKey);
        this.endedTasks.set(event.payload.taskKey, event.type === 'user-task-completed' ? 'completed' : 'cancelled');
        return;
      case 'job-created':
        this.openJobs.set(event.payload.jobKey, event.instanceId);
        return;
      case 'job-completed':
      case 'job-cancelled':
        this.openJobs.delete(event.payload.jobKey);
        return;
      case 'incident-created':
        this.openIncidents.set(event.payload.incidentKey, event.instanceId);
        return;
      case 'incident-resolved':
        this.openIncidents.delete(event.payload.incidentKey);
        return;
      default:
        return;
    }
  }
}
