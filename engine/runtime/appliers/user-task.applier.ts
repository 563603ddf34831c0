import type { MutableInstanceState } from '../../state/mutable-instance-state.js';
import type { AppliersFor } from './applier.js';

/** Open user tasks live in `userTasks` and are linked from their element instance. */
export const userTaskAppliers: AppliersFor<'user-task-created' | 'user-task-assigned' | 'user-task-completed' | 'user-task-cancelled'> = {
  'user-task-created': (state, event) => {
    const { payload } = event;
    const elementInstanceKey = event.elementInstanceId!;
    state.userTasks[payload.taskKey] = {
      key: payload.taskKey,
      elementInstanceKey,
      elementId: event.elementId!,
      name: payload.name,
      assignee: payload.assignee,
      candidateGroups: payload.candidateGroups,
      candidateUsers: payload.candidateUsers,
      dueDate: payload.dueDate,
      followUpDate: payload.followUpDate,
      priority: payload.priority,
      formKey: payload.formKey,
      createdAt: event.time,
    };
    state.elements[elementInstanceKey]!.userTaskKey = payload.taskKey;
  },
  'user-task-assigned': (state, event) => {
    state.userTasks[event.payload.taskKey]!.assignee = event.payload.assignee;
  },
  'user-task-completed': (state, event) => removeTask(state, event.payload.taskKey),
  'user-task-cancelled': (state, event) => removeTask(state, event.payload.taskKey),
};

function removeTask(state: MutableInstanceState, taskKey: string): void {
  const task = state.userTasks[taskKey];
  if (!task) return;
  delete state.userTasks[taskKey];
  const instance = state.elements[task.elementInstanceKey];
  if (instance) delete instance.userTaskKey;
}
