import type { ElementKind } from '../model/index.js';

/**
 * Which moddle types the engine runs, and which it carries without running. The
 * supported-elements check and the transformer registry both read this one table.
 */
export const KIND_BY_BPMN_TYPE: Readonly<Record<string, ElementKind>> = {
  'bpmn:StartEvent': 'start-event',
  'bpmn:EndEvent': 'end-event',
  'bpmn:IntermediateThrowEvent': 'intermediate-throw-event',
  'bpmn:IntermediateCatchEvent': 'intermediate-catch-event',
  'bpmn:BoundaryEvent': 'boundary-event',
  'bpmn:ReceiveTask': 'receive-task',
  'bpmn:EventBasedGateway': 'event-based-gateway',
  'bpmn:Transaction': 'sub-process',
  'bpmn:Task': 'task',
  'bpmn:ManualTask': 'manual-task',
  'bpmn:UserTask': 'user-task',
  'bpmn:ServiceTask': 'service-task',
  'bpmn:SendTask': 'send-task',
  'bpmn:ScriptTask': 'script-task',
  'bpmn:BusinessRuleTask': 'business-rule-task',
  'bpmn:SubProcess': 'sub-process',
  'bpmn:CallActivity': 'call-activity',
  'bpmn:ExclusiveGateway': 'exclusive-gateway',
  'bpmn:ParallelGateway': 'parallel-gateway',
  'bpmn:InclusiveGateway': 'inclusive-gateway',
};


/** Flow elements that carry data or notes only: kept out of the executable model. */
export const NOT_EXECUTED: ReadonlySet<string> = new Set([
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

export const SEQUENCE_FLOW = 'bpmn:SequenceFlow';

/** Types whose flow elements form a nested container (an embedded sub-process). */
export const CONTAINER_TYPES: ReadonlySet<string> = new Set(['bpmn:SubProcess', 'bpmn:Transaction', 'bpmn:AdHocSubProcess']);
