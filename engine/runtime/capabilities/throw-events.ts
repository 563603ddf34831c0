import type { ErrorEventDefinition, EscalationEventDefinition } from '../../model/index.js';
import type { ElementInstance } from '../../state/instance-state.js';
import type { JsonObject } from '../../state/json-value.js';
import type { Runtime } from '../runtime.js';
import { findCatch, type CatchSite } from './catch-lookup.js';
import { triggerBoundaryEvent, triggerEventSubProcess } from './event-triggers.js';
import { raiseIncident } from './incidents.js';

/** What became of a thrown error or escalation. */
export type ThrowOutcome = 'caught' | 'propagated' | 'uncaught';

/**
 * Throw a BPMN error at `from` (an error end event, or a task whose job threw). The
 * nearest catch interrupts its activity or scope. With no catch in this instance, a
 * called instance hands the error to its parent's call activity; at the top an incident
 * stops `from` (resolving it runs that step again).
 */
export function throwError(rt: Runtime, from: ElementInstance, errorCode: string, errorMessage: string, incident: { readonly step: 'activate' | 'job' | 'child'; readonly jobKey?: string }): ThrowOutcome {
  const site = findCatch(rt, from, 'error', errorCode);
  if (site) {
    const definition = site.element.eventDefinition as ErrorEventDefinition;
    enterCatch(rt, site, {
      ...(definition.errorCodeVariable ? { [definition.errorCodeVariable]: errorCode } : {}),
      ...(definition.errorMessageVariable ? { [definition.errorMessageVariable]: errorMessage } : {}),
    });
    return 'caught';
  }
  if (rt.state.parent) {
    rt.emit('error-propagated', from.elementId, from.key, { errorCode, errorMessage, parent: rt.state.parent });
    return 'propagated';
  }
  const message = `Expected an error catch event for BPMN error '${errorCode}' thrown by '${from.elementId}', but none was found${errorMessage ? ` (${errorMessage})` : ''}`;
  raiseIncident(rt, from, 'UNHANDLED_ERROR_EVENT', message, incident.step, { errorCode, ...(incident.jobKey ? { jobKey: incident.jobKey } : {}) });
  return 'uncaught';
}

/**
 * Throw an escalation at `from`. A catch interrupts (the thrower goes with its scope) or
 * runs beside; an uncaught escalation is no failure: the thrower simply goes on.
 */
export function throwEscalation(rt: Runtime, from: ElementInstance, escalationCode: string): ThrowOutcome {
  const site = findCatch(rt, from, 'escalation', escalationCode);
  if (!site && rt.state.parent) {
    rt.emit('escalation-propagated', from.elementId, from.key, { escalationCode, parent: rt.state.parent });
    return 'propagated';
  }
  if (!site) return 'uncaught';
  const definition = site.element.eventDefinition as EscalationEventDefinition;
  enterCatch(rt, site, definition.escalationCodeVariable ? { [definition.escalationCodeVariable]: escalationCode } : {});
  return 'caught';
}

function enterCatch(rt: Runtime, site: CatchSite, variables: JsonObject): void {
  if (site.type === 'boundary') triggerBoundaryEvent(rt, site.owner, site.element, variables);
  else triggerEventSubProcess(rt, site.owner, site.element, variables);
}
