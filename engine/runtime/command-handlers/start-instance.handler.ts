import { reject } from '../../errors/codes.js';
import { startProcess } from '../capabilities/process-root.js';
import type { CommandHandler } from './command-handler.js';
import { checkVariables, isRejection } from './lookups.js';

/**
 * The instance exists already (`instance-created` was applied by processCommand): start
 * its process scope at the none start event, or at the event start event named (a
 * message, signal or timer started it).
 */
export const startInstanceHandler: CommandHandler<'start-instance'> = (rt, command) => {
  const variables = checkVariables(command.variables);
  if (isRejection(variables)) return variables;
  const startElementId = command.startElementId ?? rt.process.startEventId;
  if (startElementId === null) {
    return reject('ENG_ERR_START_EVENT_NOT_FOUND', `Expected process '${rt.process.key}' to have a none start event, but it starts by its events only (${rt.process.eventStartIds.join(', ')})`);
  }
  const start = rt.process.elements[startElementId];
  if (command.startElementId !== undefined && (start?.kind !== 'start-event' || !rt.process.eventStartIds.includes(startElementId))) {
    return reject('ENG_ERR_START_EVENT_NOT_FOUND', `Expected '${startElementId}' to be a start event of process '${rt.process.key}' with an event definition, but it is not`);
  }
  startProcess(rt, variables, startElementId);
  return undefined;
};
