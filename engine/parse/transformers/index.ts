import type { ElementKind } from '../../model/index.js';
import { transformCallActivity } from './call-activity.transformer.js';
import type { ElementTransformer } from './element-transformer.js';
import {
  transformBoundaryEvent,
  transformEndEvent,
  transformEventBasedGateway,
  transformIntermediateCatchEvent,
  transformIntermediateThrowEvent,
  transformReceiveTask,
  transformStartEvent,
} from './events.transformer.js';
import { transformExclusiveGateway, transformInclusiveGateway, transformParallelGateway } from './gateways.transformer.js';
import { transformBusinessRuleTask, transformSendTask, transformServiceTask } from './job-tasks.transformer.js';
import { transformScriptTask } from './script-task.transformer.js';
import { transformSubProcess } from './sub-process.transformer.js';
import { transformManualTask, transformTask } from './tasks.transformer.js';
import { transformUserTask } from './user-task.transformer.js';

/** One transformer per element kind; a kind without one does not compile. */
export const TRANSFORMERS: { readonly [K in ElementKind]: ElementTransformer<K> } = {
  'start-event': transformStartEvent,
  'end-event': transformEndEvent,
  'intermediate-throw-event': transformIntermediateThrowEvent,
  'intermediate-catch-event': transformIntermediateCatchEvent,
  'boundary-event': transformBoundaryEvent,
  'receive-task': transformReceiveTask,
  'event-based-gateway': transformEventBasedGateway,
  task: transformTask,
  'manual-task': transformManualTask,
  'user-task': transformUserTask,
  'service-task': transformServiceTask,
  'send-task': transformSendTask,
  'script-task': transformScriptTask,
  'business-rule-task': transformBusinessRuleTask,
  'sub-process': transformSubProcess,
  'call-activity': transformCallActivity,
  'exclusive-gateway': transformExclusiveGateway,
  'parallel-gateway': transformParallelGateway,
  'inclusive-gateway': transformInclusiveGateway,
};
