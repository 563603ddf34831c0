import type { ActivityElement, StandardLoop } from '../../model/index.js';
import type { ElementInstance } from '../../state/instance-state.js';
import type { Runtime } from '../runtime.js';
import { evaluateCondition } from './evaluate.js';
import { raiseIncident } from './incidents.js';
import { markActivated } from './lifecycle.js';
import { success, type Outcome } from './outcome.js';

/**
 * BPMN's standard loop: iterate while `loopCondition` holds, at most `loopMaximum`
 * times. With `testBefore` the condition is checked before the first iteration too (a
 * while loop: possibly no iteration); otherwise only after each (do-while).
 */
export function activateStandardLoopBody(rt: Runtime, element: ActivityElement, loop: StandardLoop, body: ElementInstance): void {
  let first = loop.loopMaximum !== 0;
  if (first && loop.testBefore && loop.loopCondition) {
    const holds = evaluateCondition(rt, loop.loopCondition, body.key, 'the loop condition');
    if (!holds.ok) return raiseIncident(rt, body, 'EXPRESSION_ERROR', holds.message, 'activate');
    first = holds.value;
  }
  markActivated(rt, body);
  if (!first) return rt.enqueue({ type: 'complete', key: body.key });
  rt.enqueue({ type: 'activate', scopeKey: body.key, elementId: element.id, loopCounter: 1, locals: { loopCounter: 1 } });
}

export function standardLoopIterationEnding(rt: Runtime, loop: StandardLoop, iteration: ElementInstance): Outcome<boolean> {
  if (loop.loopMaximum !== null && iteration.loopCounter! >= loop.loopMaximum) return success(true);
  if (!loop.loopCondition) return success(false);
  const holds = evaluateCondition(rt, loop.loopCondition, iteration.key, 'the loop condition');
  return holds.ok ? success(!holds.value) : holds;
}

export function continueStandardLoop(rt: Runtime, element: ActivityElement, body: ElementInstance, iteration: ElementInstance, done: boolean): void {
  if (done) return rt.enqueue({ type: 'complete', key: body.key });
  const next = iteration.loopCounter! + 1;
  rt.enqueue({ type: 'activate', scopeKey: body.key, elementId: element.id, loopCounter: next, locals: { loopCounter: next } });
}
