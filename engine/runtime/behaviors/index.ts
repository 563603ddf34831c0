import type { ElementKind, ElementOfKind, ExecutableElement } from '../../model/index.js';
import { callActivityBehavior } from './call-activity.behavior.js';
import type { ElementBehavior } from './element-behavior.js';
import { endEventBehavior } from './end-event.behavior.js';
import { exclusiveGatewayBehavior } from './exclusive-gateway.behavior.js';
import { inclusiveGatewayBehavior } from './inclusive-gateway.behavior.js';
import { jobTaskBehavior } from './job-task.behavior.js';
import { parallelGatewayBehavior } from './parallel-gateway.behavior.js';
import { passThroughBehavior } from './pass-through.behavior.js';
import { scriptTaskBehavior } from './script-task.behavior.js';
import { subProcessBehavior } from './sub-process.behavior.js';
import { userTaskBehavior } from './user-task.behavior.js';

/** One behaviour per element kind: a kind without one does not compile. Shared behaviours are named here. */
export const BEHAVIORS: { readonly [K in ElementKind]: ElementBehavior<ElementOfKind<K>> } = {
  'start-event': passThroughBehavior,
  'intermediate-throw-event': passThroughBehavior,
  task: passThroughBehavior,
  'manual-task': passThroughBehavior,
  'end-event': endEventBehavior,
  'user-task': userTaskBehavior,
  'service-task': jobTaskBehavior,
  'send-task': jobTaskBehavior,
  'business-rule-task': jobTaskBehavior,
  'script-task': scriptTaskBehavior,
  'sub-process': subProcessBehavior,
  'call-activity': callActivityBehavior,
  'exclusive-gateway': exclusiveGatewayBehavior,
  'parallel-gateway': parallelGatewayBehavior,
  'inclusive-gateway': inclusiveGatewayBehavior,
};

export function behaviorOf(element: ExecutableElement): ElementBehavior<ExecutableElement> {
  // The registry pairs each kind with its behaviour; the element given is of that kind.
  return BEHAVIORS[element.kind] as ElementBehavior<ExecutableElement>;
}

export type { ElementBehavior };
