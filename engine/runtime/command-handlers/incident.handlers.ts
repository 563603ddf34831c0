import { reject } from '../../errors/codes.js';
import { configuredRetries } from '../capabilities/jobs.js';
import { elementOf } from '../capabilities/lifecycle.js';
import type { CommandHandler } from './command-handler.js';

/**
 * Resolve an incident and retry what failed: a job gets retries back and can run again;
 * a failed activation or completion runs again; a call activity asks for a new child.
 */
export const resolveIncidentHandler: CommandHandler<'resolve-incident'> = (rt, command) => {
  const incident = rt.state.incidents[command.incidentKey];
  if (!incident) return reject('ENG_ERR_INCIDENT_NOT_FOUND', `Expected an open incident '${command.incidentKey}' in instance '${rt.state.id}', but found none`);
  const instance = rt.state.elements[incident.elementInstanceKey]!;
  rt.emit('incident-resolved', incident.elementId, incident.elementInstanceKey, { incidentKey: incident.key });
  switch (incident.step) {
    case 'job': {
      const job = incident.jobKey ? rt.state.jobs[incident.jobKey] : undefined;
      if (!job) break;
      const element = elementOf(rt, instance);
      const retries = command.retries ?? configuredRetries('job' in element ? element.job : null);
      rt.emit('job-retries-updated', instance.elementId, instance.key, { jobKey: job.key, retries: Math.max(1, retries) });
      break;
    }
    case 'activate':
    case 'child':
      rt.enqueue({ type: 'resume', key: instance.key });
      break;
    case 'complete':
      rt.enqueue({ type: 'complete', key: instance.key });
      break;
  }
  return undefined;
};
