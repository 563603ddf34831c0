import { cancelJob, createJob } from '../capabilities/jobs.js';
import { completeElement } from '../capabilities/lifecycle.js';
import type { ElementOfKind } from '../../model/index.js';
import type { ElementBehavior } from './element-behavior.js';

/**
 * Service and business rule tasks (and send tasks with a task definition): the work is a job for a worker (business rule
 * tasks: an `ff:rules` job for the rule evaluator). The task completes with the job.
 */
export const jobTaskBehavior: ElementBehavior<ElementOfKind<'service-task'> | ElementOfKind<'business-rule-task'>> = {
  activate(rt, element, instance) {
    createJob(rt, element, instance, element.job);
  },
  complete: completeElement,
  terminate(rt, _element, instance) {
    cancelJob(rt, instance);
  },
};
