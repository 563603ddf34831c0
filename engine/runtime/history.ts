import type { EngineEvent } from './events.js';

/**
 * History's activity instances, derived from events: one record per element instance
 * (so one per loop iteration and per multi-instance instance). The process itself and
 * loop bodies are scopes, not activities, and are left out unless asked for.
 */
export interface ActivityInstanceRecord {
  readonly id: string;
  readonly instanceId: string;
  readonly activityId: string;
  readonly activityType: string;
  readonly scopeKey: string | null;
  readonly loopCounter: number | null;
  readonly startTime: string;
  readonly endTime: string | null;
  readonly state: 'active' | 'completed' | 'terminated';
  readonly calledProcessInstanceId: string | null;
}

/** How one event changes the activity history (for a shell that stores rows as events arrive). */
export type ActivityHistoryChange =
  | { readonly type: 'insert'; readonly record: ActivityInstanceRecord }
  | { readonly type: 'end'; readonly id: string; readonly endTime: string; readonly state: 'completed' | 'terminated' }
  | { readonly type: 'called'; readonly id: string; readonly calledProcessInstanceId: string };

const SCOPE_TYPES: ReadonlySet<string> = new Set(['process', 'multiInstanceBody', 'loopBody', 'compensation']);

export function activityHistoryChange(event: EngineEvent, options: { readonly includeScopes?: boolean } = {}): ActivityHistoryChange | null {
  switch (event.type) {
    case 'element-activating': {
      if (!options.includeScopes && SCOPE_TYPES.has(event.payload.bpmnType)) return null;
      return {
        type: 'insert',
        record: {
          id: event.elementInstanceId!,
          instanceId: event.instanceId,
          activityId: event.elementId!,
          activityType: event.payload.bpmnType,
          scopeKey: event.payload.scopeKey,
          loopCounter: event.payload.loopCounter,
          startTime: event.time,
          endTime: null,
          state: 'active',
          calledProcessInstanceId: null,
        },
      };
    }
    case 'element-completed':
      return { type: 'end', id: event.elementInstanceId!, endTime: event.time, state: 'completed' };
    case 'element-terminated':
      return { type: 'end', id: event.elementInstanceId!, endTime: event.time, state: 'terminated' };
    case 'child-instance-requested':
      return { type: 'called', id: event.elementInstanceId!, calledProcessInstanceId: event.payload.childInstanceId };
    default:
      return null;
  }
}

/** Fold events (of one or many instances, in order) into activity instance records, in start order. */
export function deriveActivityInstances(events: Iterable<EngineEvent>, options: { readonly includeScopes?: boolean } = {}): ActivityInstanceRecord[] {
  const records = new Map<string, ActivityInstanceRecord>();
  for (const event of events) {
    const change = activityHistoryChange(event, options);
    if (!change) continue;
    if (change.type === 'insert') {
      records.set(change.record.id, change.record);
      continue;
    }
    const record = records.get(change.id);
    if (!record) continue;
    records.set(change.id, change.type === 'end' ? { ...record, endTime: change.endTime, state: change.state } : { ...record, calledProcessInstanceId: change.calledProcessInstanceId });
  }
  return [...records.values()];
}
