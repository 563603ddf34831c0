import type { ElementKind, ElementOfKind, ExecutableElement } from '../../model/index.js';
import { callActivityBehavior } from './call-activity.behavior.js';
import { boundaryEventBehavior, eventBasedGatewayBehavior, intermediateCatchEventBehavior, receiveTaskBehavior } from './catch-event.behavior.js';
import type { ElementBehavior } from './element-behavior.js';
import { exclusiveGatewayBehavior } from './exclusive-gateway.behavior.js';
import { inclusiveGatewayBehavior } from './inclusive-gateway.behavior.js';
import { jobTaskBehavior } from './job-task.behavior.js';
import { parallelGatewayBehavior } from './parallel-gateway.behavior.js';
import { passThroughBehavior } from './pass-through.behavior.js';
import { scriptTaskBehavior } from './script-task.behavior.js';
import { sendTaskBehavior } from './send-task.behavior.js';
import { subProcessBehavior } from './sub-process.behavior.js';
import { throwEventBehavior } from './throw-event.behavior.js';
import { userTaskBehavior } from './user-task.behavior.js';

/** One behaviour per element kind: a kind without one does not compile. Shared behaviours are named here. */
export const BEHAVIORS: { readonly [K in ElementKind]: ElementBehavior<ElementOfKind<K>> } = {
  'start-event': passThroughBehavior,
  'intermediate-throw-event': throwEventBehavior,
  'intermediate-catch-event': intermediateCatchEventBehavior,
  'boundary-event': boundaryEventBehavior,
  task: passThroughBehavior,
  'manual-task': passThroughBehavior,
  'end-event': throwEventBehavior,
  'user-task': userTaskBehavior,
  'service-task': jobTaskBehavior,
  'send-task': sendTaskBehavior,
  'receive-task': receiveTaskBehavior,
  'business-rule-task': jobTaskBehavior,
  'script-task': scriptTaskBehavior,
  'sub-process': subProcessBehavior,
  'call-activity': callActivityBehavior,
  'exclusive-gateway': exclusiveGatewayBehavior,
  'parallel-gateway': parallelGatewayBehavior,
  'inclusive-gateway': inclusiveGatewayBehavior,
  'event-based-gateway': eventBasedGatewayBehavior,
};

export function behaviorOf(element: ExecutableElement): ElementBehavior<ExecutableElement> {
  // The registry pairs each kind with its behaviour; the element given is of that kind.
  return BEHAVIORS[element.kind] as ElementBehavior<ExecutableElement>;
}

export type { ElementBehavior };
