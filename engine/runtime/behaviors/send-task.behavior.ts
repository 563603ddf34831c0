import type { ElementOfKind } from '../../model/index.js';
import { cancelJob, createJob } from '../capabilities/jobs.js';
import { completeElement, markActivated } from '../capabilities/lifecycle.js';
import { publishMessage } from '../capabilities/publish.js';
import type { ElementBehavior } from './element-behavior.js';

/** Send task: a job for a worker (Camunda 8), or, with only a message, publishes it inside the engine and moves on. */
export const sendTaskBehavior: ElementBehavior<ElementOfKind<'send-task'>> = {
  activate(rt, element, instance) {
    if (element.job) return createJob(rt, element, instance, element.job);
    markActivated(rt, instance);
    if (element.message && !publishMessage(rt, instance, element.message)) return;
    completeElement(rt, element, rt.state.elements[instance.key]!);
  },
  complete: completeElement,
  terminate(rt, _element, instance) {
    cancelJob(rt, instance);
  },
};
