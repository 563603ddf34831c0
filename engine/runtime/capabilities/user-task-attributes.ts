import type { UserTaskDefinition, ValueSource } from '../../model/index.js';
import { DEFAULT_USER_TASK_PRIORITY } from '../../model/index.js';
import type { JsonValue } from '../../state/json-value.js';
import type { Runtime } from '../runtime.js';
import { evaluateSource } from './evaluate.js';
import { success, type Outcome } from './outcome.js';

export interface UserTaskAttributes {
  readonly assignee: string | null;
  readonly candidateGroups: readonly string[];
  readonly candidateUsers: readonly string[];
  readonly dueDate: string | null;
  readonly followUpDate: string | null;
  readonly priority: number;
}

/** Evaluate a user task's assignment, schedule and priority in the element's context. */
export function evaluateUserTask(rt: Runtime, definition: UserTaskDefinition, key: string): Outcome<UserTaskAttributes> {
  const assignee = optional(rt, definition.assignee, key, 'the assignee', asText);
  if (!assignee.ok) return assignee;
  const candidateGroups = optional(rt, definition.candidateGroups, key, 'the candidate groups', asList);
  if (!candidateGroups.ok) return candidateGroups;
  const candidateUsers = optional(rt, definition.candidateUsers, key, 'the candidate users', asList);
  if (!candidateUsers.ok) return candidateUsers;
  const dueDate = optional(rt, definition.dueDate, key, 'the due date', asText);
  if (!dueDate.ok) return dueDate;
  const followUpDate = optional(rt, definition.followUpDate, key, 'the follow-up date', asText);
  if (!followUpDate.ok) return followUpDate;
  const priority = optional(rt, definition.priority, key, 'the priority', asPriority);
  if (!priority.ok) return priority;
  return success({
    assignee: assignee.value,
    candidateGroups: candidateGroups.value ?? [],
    candidateUsers: candidateUsers.value ?? [],
    dueDate: dueDate.value,
    followUpDate: followUpDate.value,
    priority: priority.value ?? DEFAULT_USER_TASK_PRIORITY,
  });
}

/** An attribute that may be absent: no attribute, or an expression giving null, means "not set". */
function optional<T>(
  rt: Runtime,
  source: ValueSource<T> | null,
  key: string,
  what: string,
  convert: (value: JsonValue) => T | undefined,
): Outcome<T | null> {
  if (source === null) return success(null);
  return evaluateSource<T | null>(rt, source, key, what, (value) => (value === null ? null : convert(value)));
}

function asText(value: JsonValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function asList(value: JsonValue): readonly string[] | undefined {
  if (typeof value === 'string') return value.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as readonly string[];
  return undefined;
}

function asPriority(value: JsonValue): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100 ? value : undefined;
}
