import { startProcess } from '../capabilities/process-root.js';
import type { CommandHandler } from './command-handler.js';
import { checkVariables, isRejection } from './lookups.js';

/** The instance exists already (`instance-created` was applied by processCommand): start its process scope. */
export const startInstanceHandler: CommandHandler<'start-instance'> = (rt, command) => {
  const variables = checkVariables(command.variables);
  if (isRejection(variables)) return variables;
  startProcess(rt, variables);
  return undefined;
};
