import { reject } from '../../errors/codes.js';
import { triggerSubscription } from '../capabilities/event-triggers.js';
import { throwError, throwEscalation } from '../capabilities/throw-events.js';
import type { CommandHandler } from './command-handler.js';
import { checkVariables, findElementInstance, isRejection } from './lookups.js';

/** A timer is due, a message was correlated or a signal broadcast to this subscription. */
export const triggerSubscriptionHandler: CommandHandler<'trigger-subscription'> = (rt, command) => {
  const subscription = rt.state.subscriptions?.[command.subscriptionKey];
  if (!subscription) {
    return reject('ENG_ERR_SUBSCRIPTION_NOT_FOUND', `Expected an open event subscription '${command.subscriptionKey}' in instance '${rt.state.id}', but found none`);
  }
  const variables = checkVariables(command.variables);
  if (isRejection(variables)) return variables;
  triggerSubscription(rt, subscription, variables);
  return undefined;
};

/** A called child's uncaught escalation is looked for from its call activity outwards (uncaught again: nothing happens). */
export const childEscalationThrownHandler: CommandHandler<'child-escalation-thrown'> = (rt, command) => {
  const instance = findElementInstance(rt, command.elementInstanceId);
  if (isRejection(instance)) return instance;
  if (instance.childInstanceId !== command.childInstanceId) {
    return reject('ENG_ERR_CHILD_INSTANCE_MISMATCH', `Expected child instance '${instance.childInstanceId ?? 'none'}', but got '${command.childInstanceId}'`);
  }
  throwEscalation(rt, instance, command.escalationCode);
  return undefined;
};

/** A called child's uncaught error arrives at its call activity, and is looked for from there outwards. */
export const childErrorThrownHandler: CommandHandler<'child-error-thrown'> = (rt, command) => {
  const instance = findElementInstance(rt, command.elementInstanceId);
  if (isRejection(instance)) return instance;
  if (instance.childInstanceId !== command.childInstanceId) {
    return reject('ENG_ERR_CHILD_INSTANCE_MISMATCH', `Expected child instance '${instance.childInstanceId ?? 'none'}', but got '${command.childInstanceId}'`);
  }
  throwError(rt, instance, command.errorCode, command.errorMessage, { step: 'child' });
  return undefined;
};
