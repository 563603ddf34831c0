import { evaluate } from '../capabilities/evaluate.js';
import { raiseIncident } from '../capabilities/incidents.js';
import { cancelJob, createJob } from '../capabilities/jobs.js';
import { completeElement, markActivated } from '../capabilities/lifecycle.js';
import { mergeResultVariables } from '../capabilities/result-variables.js';
import type { ElementOfKind } from '../../model/index.js';
import type { ElementBehavior } from './element-behavior.js';

/** Script task: evaluates its FEEL script into `resultVariable` and completes; or runs as a job. */
export const scriptTaskBehavior: ElementBehavior<ElementOfKind<'script-task'>> = {
  activate(rt, element, instance) {
    if (element.job) return createJob(rt, element, instance, element.job);
    const script = element.script!;
    const result = evaluate(rt, script.expression, instance.key);
    if (!result.ok) return raiseIncident(rt, instance, 'EXPRESSION_ERROR', result.message, 'activate');
    markActivated(rt, instance);
    if (script.resultVariable) mergeResultVariables(rt, element, instance, { [script.resultVariable]: result.value });
    completeElement(rt, element, instance);
  },
  complete: completeElement,
  terminate(rt, _element, instance) {
    cancelJob(rt, instance);
  },
};
