import { reject } from '../../errors/codes.js';
import { raiseIncident } from '../capabilities/incidents.js';
import { elementOf, runCompletion } from '../capabilities/lifecycle.js';
import { terminateProcess } from '../capabilities/process-root.js';
import { mergeResultVariables } from '../capabilities/result-variables.js';
import { propagateVariables, setLocalVariables } from '../capabilities/variables.js';
import type { CommandHandler } from './command-handler.js';
import { checkVariables, findElementInstance, isRejection } from './lookups.js';

/** Cancel the instance: every token is terminated, called children are asked to cancel too. */
export const cancelInstanceHandler: CommandHandler<'cancel-instance'> = (rt) => {
  terminateProcess(rt);
  return undefined;
};

/** Set variables from outside, locally or with propagation. */
export const setVariablesHandler: CommandHandler<'set-variables'> = (rt, command) => {
  const scopeKey = command.elementInstanceId ?? rt.state.id;
  const scope = findElementInstance(rt, scopeKey);
  if (isRejection(scope)) return scope;
  const variables = checkVariables(command.variables);
  if (isRejection(variables)) return variables;
  if (command.local) setLocalVariables(rt, scopeKey, variables);
  else propagateVariables(rt, scopeKey, variables);
  return undefined;
};

/**
 * The called child completed: its variables come back (all of them when
 * propagateAllChildVariables, or through the output mappings) and the call activity completes.
 */
export const childInstanceCompletedHandler: CommandHandler<'child-instance-completed'> = (rt, command) => {
  const instance = findElementInstance(rt, command.elementInstanceId);
  if (isRejection(instance)) return instance;
  if (instance.childInstanceId !== command.childInstanceId) return mismatch(instance.childInstanceId, command.childInstanceId);
  const variables = checkVariables(command.variables);
  if (isRejection(variables)) return variables;
  const element = elementOf(rt, instance);
  const hasOutputs = element.kind === 'call-activity' && element.io !== null && element.io.outputs.length > 0;
  if (hasOutputs || (element.kind === 'call-activity' && element.calledElement.propagateAllChildVariables)) {
    mergeResultVariables(rt, element, instance, variables);
  }
  runCompletion(rt, instance);
  return undefined;
};

/** The called child was cancelled on its own: the call activity cannot go on, so it gets an incident. */
export const childInstanceTerminatedHandler: CommandHandler<'child-instance-terminated'> = (rt, command) => {
  const instance = findElementInstance(rt, command.elementInstanceId);
  if (isRejection(instance)) return instance;
  if (instance.childInstanceId !== command.childInstanceId) return mismatch(instance.childInstanceId, command.childInstanceId);
  const message = `Expected called instance '${command.childInstanceId}' to complete, but it was terminated`;
  raiseIncident(rt, instance, 'CHILD_INSTANCE_TERMINATED', message, 'child');
  return undefined;
};

function mismatch(expected: string | undefined, actual: string) {
  return reject('ENG_ERR_CHILD_INSTANCE_MISMATCH', `Expected child instance '${expected ?? 'none'}', but got '${actual}'`);
}
