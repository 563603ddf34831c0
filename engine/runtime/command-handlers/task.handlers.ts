import { reject } from '../../errors/codes.js';
import { elementOf, runCompletion } from '../capabilities/lifecycle.js';
import { mergeResultVariables } from '../capabilities/result-variables.js';
import type { CommandHandler } from './command-handler.js';
import { checkVariables, findTask, isRejection } from './lookups.js';

/** A person completes a user task: its variables merge in, then the task's element completes. */
export const completeTaskHandler: CommandHandler<'complete-task'> = (rt, command) => {
  const found = findTask(rt, command.taskKey);
  if (isRejection(found)) return found;
  const variables = checkVariables(command.variables);
  if (isRejection(variables)) return variables;
  const { instance } = found;
  rt.emit('user-task-completed', instance.elementId, instance.key, { taskKey: command.taskKey, variables });
  mergeResultVariables(rt, elementOf(rt, instance), instance, variables);
  runCompletion(rt, rt.state.elements[instance.key]!);
  return undefined;
};

/** Claim, reassign or unassign (null) a user task. */
export const assignTaskHandler: CommandHandler<'assign-task'> = (rt, command) => {
  const found = findTask(rt, command.taskKey);
  if (isRejection(found)) return found;
  if (command.assignee !== null && typeof command.assignee !== 'string') {
    return reject('ENG_ERR_INVALID_COMMAND', `Expected the assignee to be a string or null, but got ${typeof command.assignee}`);
  }
  rt.emit('user-task-assigned', found.instance.elementId, found.instance.key, { taskKey: command.taskKey, assignee: command.assignee });
  return undefined;
};
