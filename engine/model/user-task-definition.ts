import type { ValueSource } from './value-source.js';

/**
 * What a user task asks of people: assignment (`zeebe:assignmentDefinition`), schedule
 * (`zeebe:taskSchedule`), priority (`zeebe:priorityDefinition`) and form
 * (`zeebe:formDefinition`). Null means "not given".
 */
export interface UserTaskDefinition {
  readonly assignee: ValueSource | null;
  /** A static list is written comma-separated; an expression yields a list or a string. */
  readonly candidateGroups: ValueSource<readonly string[]> | null;
  readonly candidateUsers: ValueSource<readonly string[]> | null;
  readonly dueDate: ValueSource | null;
  readonly followUpDate: ValueSource | null;
  readonly priority: ValueSource<number> | null;
  readonly formKey: string | null;
}

/** Camunda 8's default user task priority. */
export const DEFAULT_USER_TASK_PRIORITY = 50;
