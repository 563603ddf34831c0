import type { Runtime } from '../runtime.js';
import type { Step } from '../steps.js';
import { arriveAtJoin, isJoinGateway } from './joins.js';
import { activateElement, runActivation, runCompletion } from './lifecycle.js';

/** Run one queued step. Steps whose scope or instance has ended meanwhile are dropped. */
export function runStep(rt: Runtime, step: Step): void {
  switch (step.type) {
    case 'arrive': {
      if (!rt.state.elements[step.scopeKey]) return;
      const flow = rt.process.flows[step.flowId]!;
      const target = rt.process.elements[flow.targetId];
      if (isJoinGateway(target)) arriveAtJoin(rt, target, step.scopeKey, flow.id);
      else activateElement(rt, flow.targetId, step.scopeKey, flow.id);
      return;
    }
    case 'activate': {
      if (!rt.state.elements[step.scopeKey]) return;
      activateElement(rt, step.elementId, step.scopeKey, null, { loopCounter: step.loopCounter, locals: step.locals });
      return;
    }
    case 'resume': {
      const instance = rt.state.elements[step.key];
      if (instance) runActivation(rt, instance);
      return;
    }
    case 'complete': {
      const instance = rt.state.elements[step.key];
      if (instance) runCompletion(rt, instance);
      return;
    }
  }
}
