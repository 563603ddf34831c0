import type { ColumnType, Generated, RawBuilder } from 'kysely';
import type { InstanceState } from '../state/instance-state.js';
import type { JsonObject } from '../state/json-value.js';

export type JobKind = 'work' | 'timer' | 'timer-start';

export interface TimerColumn {
  readonly elementId?: string;
  readonly timerType?: 'date' | 'duration' | 'cycle';
  readonly text?: string;
  readonly remaining: number | null;
}

/**
 * The engine's tables. The instance row holds the whole state (jsonb) and is the lock
 * every command takes; the other tables are indexes derived from the events of each
 * command, written in the same transaction, so that inboxes, job queues and history are
 * queries instead of scans of states.
 */
export interface EngineTables {
  engine_deployments: { id: string; name: string; created_at: ColumnType<Date, never, never> };
  engine_resources: { id: Generated<string>; deployment_id: string; name: string; xml: string; checksum: string };
  engine_process_definitions: {
    id: string;
    key: string;
    version: number;
    name: string | null;
    version_tag: string | null;
    checksum: string;
    deployment_id: string;
    resource_id: string;
    created_at: ColumnType<Date, never, never>;
  };
  engine_process_instances: {
    id: string;
    definition_id: string;
    process_key: string;
    business_key: string | null;
    state: InstanceState['state'];
    parent_instance_id: string | null;
    root_instance_id: string;
    version: number;
    /** Written as `$1::jsonb` of the serialised state (see row-writer). */
    data: ColumnType<InstanceState, RawBuilder<InstanceState>, RawBuilder<InstanceState>>;
    start_time: Date;
    end_time: Date | null;
  };
  engine_user_tasks: {
    key: string;
    instance_id: string;
    element_id: string;
    element_instance_key: string;
    name: string | null;
    assignee: string | null;
    candidate_groups: string[];
    candidate_users: string[];
    due_date: Date | null;
    follow_up_date: Date | null;
    priority: number;
    form_key: string | null;
    state: 'created' | 'completed' | 'cancelled';
    created_at: Date;
    ended_at: Date | null;
  };
  engine_jobs: {
    key: string;
    /** Null for a timer start event (it belongs to `definition_id`). */
    instance_id: string | null;
    element_id: string;
    type: string;
    retries: number;
    state: 'activatable' | 'locked' | 'incident';
    due_at: Date;
    worker: string | null;
    lock_expires_at: Date | null;
    /** Raised at every claim: a worker holding an older token may not report. */
    fencing_token: Generated<number>;
    error_message: string | null;
    error_details: Generated<string | null>;
    created_at: Date;
    /** `work` (service tasks: a worker runs it), `timer` (an instance's timer), `timer-start` (a timer start event). */
    kind: Generated<JobKind>;
    priority: Generated<number>;
    definition_id: string | null;
    /** A timer's schedule: the cycle text and repetitions left (see engine/timers). */
    timer: ColumnType<TimerColumn | null, string | null, string | null>;
  };
  engine_subscriptions: {
    key: string;
    kind: 'message' | 'signal';
    name: string;
    correlation_key: string | null;
    process_key: string;
    definition_id: string;
    /** Null for a message or signal start event. */
    instance_id: string | null;
    element_id: string;
    element_instance_key: string | null;
    created_at: Date;
  };
  engine_messages: {
    key: string;
    name: string;
    correlation_key: string | null;
    message_id: string | null;
    variables: ColumnType<JsonObject, string, string>;
    correlated_process_keys: Generated<string[]>;
    expires_at: Date;
    created_at: Date;
  };
  engine_incidents: {
    key: string;
    instance_id: string;
    element_id: string;
    element_instance_key: string;
    error_type: string;
    message: string;
    job_key: string | null;
    created_at: Date;
    resolved_at: Date | null;
    /** The failure's stack or a worker's details. */
    details: Generated<string | null>;
  };
  engine_activity_instances: {
    id: string;
    instance_id: string;
    activity_id: string;
    activity_type: string;
    scope_key: string | null;
    loop_counter: number | null;
    state: 'active' | 'completed' | 'terminated';
    start_time: Date;
    end_time: Date | null;
    called_instance_id: string | null;
    /** Start order within an instance (several records may share a start time). */
    seq: Generated<string>;
  };
}
