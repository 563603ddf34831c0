import type { CommandType } from '../commands.js';
import type { CommandHandler } from './command-handler.js';
import { childErrorThrownHandler, childEscalationThrownHandler, triggerSubscriptionHandler } from './event.handlers.js';
import { cancelInstanceHandler, childInstanceCompletedHandler, childInstanceTerminatedHandler, setVariablesHandler } from './instance.handlers.js';
import { resolveIncidentHandler } from './incident.handlers.js';
import { completeJobHandler, failJobHandler, throwBpmnErrorHandler } from './job.handlers.js';
import { migrateInstanceHandler, modifyInstanceHandler } from './modification.handlers.js';
import { startInstanceHandler } from './start-instance.handler.js';
import { assignTaskHandler, completeTaskHandler } from './task.handlers.js';

/** One handler per command type: a command without one does not compile. */
export const HANDLERS: { readonly [T in CommandType]: CommandHandler<T> } = {
  'start-instance': startInstanceHandler,
  'complete-task': completeTaskHandler,
  'assign-task': assignTaskHandler,
  'complete-job': completeJobHandler,
  'fail-job': failJobHandler,
  'throw-bpmn-error': throwBpmnErrorHandler,
  'resolve-incident': resolveIncidentHandler,
  'cancel-instance': cancelInstanceHandler,
  'set-variables': setVariablesHandler,
  'child-instance-completed': childInstanceCompletedHandler,
  'child-instance-terminated': childInstanceTerminatedHandler,
  'child-error-thrown': childErrorThrownHandler,
  'child-escalation-thrown': childEscalationThrownHandler,
  'trigger-subscription': triggerSubscriptionHandler,
  'modify-instance': modifyInstanceHandler,
  'migrate-instance': migrateInstanceHandler,
};
