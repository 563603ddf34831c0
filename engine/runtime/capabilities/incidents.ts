import type { ElementInstance, IncidentErrorType, IncidentStep } from '../../state/instance-state.js';
import type { Runtime } from '../runtime.js';

/**
 * Stop an element instance at a step with an incident. The instance state reads
 * `incident` until every incident is resolved; resolving runs `step` again.
 */
export function raiseIncident(
  rt: Runtime,
  instance: ElementInstance,
  errorType: IncidentErrorType,
  message: string,
  step: IncidentStep,
  extra: { readonly jobKey?: string; readonly errorCode?: string; readonly details?: string } = {},
): void {
  rt.emit('incident-created', instance.elementId, instance.key, {
    incidentKey: rt.nextId(),
    errorType,
    message,
    step,
    jobKey: extra.jobKey ?? null,
    errorCode: extra.errorCode ?? null,
    ...(extra.details ? { details: extra.details } : {}),
  });
}

/** An element instance that ends takes its open incidents with it. */
export function resolveIncidentsOf(rt: Runtime, instance: ElementInstance): void {
  for (const incident of Object.values(rt.state.incidents)) {
    if (incident.elementInstanceKey === instance.key) {
      rt.emit('incident-resolved', instance.elementId, instance.key, { incidentKey: incident.key });
    }
  }
}
