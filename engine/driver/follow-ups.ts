import type { Command } from '../runtime/commands.js';
import type { EngineEvent } from '../runtime/events.js';

/** A command for another instance (null: a new one) that an event asks the driver to send. */
export interface FollowUp {
  readonly instanceId: string | null;
  readonly command: Command;
}

/**
 * Call activities across instances: the driver starts requested children, reports a
 * child's end to its parent, and cancels children of terminated call activities. The
 * PostgreSQL shell does the same, each follow-up in its own transaction (or the same).
 */
export function followUpOf(event: EngineEvent, now: Date): FollowUp | null {
  switch (event.type) {
    case 'child-instance-requested': {
      const { childInstanceId, definitionId, variables, businessKey, parent } = event.payload;
      return { instanceId: null, command: { type: 'start-instance', now, definitionId, instanceId: childInstanceId, variables, businessKey, parent } };
    }
    case 'instance-completed': {
      const parent = event.payload.parent;
      if (!parent) return null;
      return {
        instanceId: parent.instanceId,
        command: { type: 'child-instance-completed', now, elementInstanceId: parent.elementInstanceId, childInstanceId: event.instanceId, variables: event.payload.variables },
      };
    }
    case 'instance-terminated': {
      const parent = event.payload.parent;
      if (!parent) return null;
      return {
        instanceId: parent.instanceId,
        command: { type: 'child-instance-terminated', now, elementInstanceId: parent.elementInstanceId, childInstanceId: event.instanceId },
      };
    }
    case 'error-propagated': {
      const { parent, errorCode, errorMessage } = event.payload;
      return {
        instanceId: parent.instanceId,
        command: { type: 'child-error-thrown', now, elementInstanceId: parent.elementInstanceId, childInstanceId: event.instanceId, errorCode, errorMessage },
      };
    }
    case 'escalation-propagated': {
      const { parent, escalationCode } = event.payload;
      return {
        instanceId: parent.instanceId,
        command: { type: 'child-escalation-thrown', now, elementInstanceId: parent.elementInstanceId, childInstanceId: event.instanceId, escalationCode },
      };
    }
    case 'child-instance-cancel-requested':
      return { instanceId: event.payload.childInstanceId, command: { type: 'cancel-instance', now } };
    default:
      return null;
  }
}
