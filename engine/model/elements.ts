import type { EventDefinition, MessageEventDefinition } from './event-definition.js';
import type { IoMapping } from './io-mapping.js';
import type { JobDefinition } from './job-definition.js';
import type { LoopCharacteristics } from './loop-characteristics.js';
import type { ExecutableSequenceFlow } from './sequence-flow.js';
import type { UserTaskDefinition } from './user-task-definition.js';
import type { CompiledExpression, ValueSource } from './value-source.js';

/**
 * The flow node kinds the engine runs. Every kind has exactly one behaviour in
 * `runtime/behaviors/` (the registry is a mapped type over this union).
 */
export type ElementKind =
  | 'start-event'
  | 'end-event'
  | 'intermediate-throw-event'
  | 'intermediate-catch-event'
  | 'boundary-event'
  | 'task'
  | 'manual-task'
  | 'user-task'
  | 'service-task'
  | 'send-task'
  | 'receive-task'
  | 'script-task'
  | 'business-rule-task'
  | 'sub-process'
  | 'call-activity'
  | 'exclusive-gateway'
  | 'parallel-gateway'
  | 'inclusive-gateway'
  | 'event-based-gateway';

/** What every flow node has. Flow lists are precomputed at parse time, in document order. */
export interface FlowNodeBase<K extends ElementKind> {
  readonly kind: K;
  readonly id: string;
  readonly name: string | null;
  /** The BPMN element's local name (`userTask`, `endEvent`, …): history's activity type. */
  readonly bpmnType: string;
  /** The embedded sub-process that contains the node; null at process level. */
  readonly containerId: string | null;
  readonly incoming: readonly ExecutableSequenceFlow[];
  readonly outgoing: readonly ExecutableSequenceFlow[];
  readonly defaultFlow: ExecutableSequenceFlow | null;
  /** `ff:stage`: the funnel stage a token at this node stands in. */
  readonly stage: string | null;
}

export interface ActivityBase<K extends ElementKind> extends FlowNodeBase<K> {
  readonly io: IoMapping | null;
  readonly loop: LoopCharacteristics | null;
  /** `ff:asyncBefore`: the activity starts in a transaction of its own, through a job (a save point). */
  readonly asyncBefore: boolean;
}

export interface StartEventElement extends FlowNodeBase<'start-event'> {
  readonly eventDefinition: EventDefinition | null;
  /** An event sub-process's start: whether it interrupts its scope (`isInterrupting`). */
  readonly interrupting: boolean;
  readonly io: IoMapping | null;
}
/** Throw events may map inputs: their local variables are the payload of a message or signal they throw. */
export interface EndEventElement extends FlowNodeBase<'end-event'> {
  readonly eventDefinition: EventDefinition | null;
  readonly io: IoMapping | null;
}
export interface IntermediateThrowEventElement extends FlowNodeBase<'intermediate-throw-event'> {
  readonly eventDefinition: EventDefinition | null;
  readonly io: IoMapping | null;
}
/** Waits for a timer, message, signal or condition; a link catch is entered by its throw. */
export interface IntermediateCatchEventElement extends FlowNodeBase<'intermediate-catch-event'> {
  readonly eventDefinition: EventDefinition;
  readonly io: IoMapping | null;
}
/** An event attached to an activity: caught while the activity runs. */
export interface BoundaryEventElement extends FlowNodeBase<'boundary-event'> {
  readonly attachedToId: string;
  /** Interrupting (`cancelActivity`): the activity is terminated when the event triggers. */
  readonly cancelActivity: boolean;
  readonly eventDefinition: EventDefinition;
  readonly io: IoMapping | null;
}

export type TaskElement = ActivityBase<'task'>;
export type ManualTaskElement = ActivityBase<'manual-task'>;

export interface UserTaskElement extends ActivityBase<'user-task'> {
  readonly userTask: UserTaskDefinition;
}
export interface ServiceTaskElement extends ActivityBase<'service-task'> {
  readonly job: JobDefinition;
}
/** A send task is a job (`zeebe:taskDefinition`) or publishes its message inside the engine. */
export interface SendTaskElement extends ActivityBase<'send-task'> {
  readonly job: JobDefinition | null;
  readonly message: MessageEventDefinition | null;
}
export interface ReceiveTaskElement extends ActivityBase<'receive-task'> {
  readonly message: MessageEventDefinition;
}
export interface BusinessRuleTaskElement extends ActivityBase<'business-rule-task'> {
  readonly job: JobDefinition;
}

/** A script task is either a FEEL expression (`zeebe:script`) or a job (`zeebe:taskDefinition`). */
export interface ScriptTaskElement extends ActivityBase<'script-task'> {
  readonly script: { readonly expression: CompiledExpression; readonly resultVariable: string | null } | null;
  readonly job: JobDefinition | null;
}

export interface SubProcessElement extends ActivityBase<'sub-process'> {
  /** The none start event (an event sub-process: its event start, entered by the trigger). */
  readonly startEventId: string;
  /** An event sub-process: never reached by flows, started by its start event's trigger. */
  readonly triggeredByEvent: boolean;
  /** A transaction: a cancel end event inside compensates and leaves by the cancel boundary event. */
  readonly isTransaction: boolean;
}

export interface CallActivityElement extends ActivityBase<'call-activity'> {
  readonly calledElement: CalledElement;
}

/** `zeebe:calledElement`. */
export interface CalledElement {
  readonly processId: ValueSource;
  readonly bindingType: 'latest' | 'deployment' | 'versionTag';
  readonly versionTag: string | null;
  readonly propagateAllChildVariables: boolean;
  readonly propagateAllParentVariables: boolean;
}

export type ExclusiveGatewayElement = FlowNodeBase<'exclusive-gateway'>;

export interface ParallelGatewayElement extends FlowNodeBase<'parallel-gateway'> {
  /** More than one incoming flow: tokens wait until every incoming flow has one. */
  readonly isJoin: boolean;
}

export interface InclusiveGatewayElement extends FlowNodeBase<'inclusive-gateway'> {
  readonly isJoin: boolean;
  /**
   * For a join: element id → the incoming flows of this gateway that a token at that
   * element can still reach without passing the gateway. Elements that reach none are
   * absent. Computed at parse time so the join test is a lookup.
   */
  readonly joinReach: Readonly<Record<string, readonly string[]>>;
}

/** Waits on the catch events its flows lead to; the first to trigger wins. */
export type EventBasedGatewayElement = FlowNodeBase<'event-based-gateway'>;

export type ExecutableElement =
  | StartEventElement
  | EndEventElement
  | IntermediateThrowEventElement
  | IntermediateCatchEventElement
  | BoundaryEventElement
  | ReceiveTaskElement
  | EventBasedGatewayElement
  | TaskElement
  | ManualTaskElement
  | UserTaskElement
  | ServiceTaskElement
  | SendTaskElement
  | ScriptTaskElement
  | BusinessRuleTaskElement
  | SubProcessElement
  | CallActivityElement
  | ExclusiveGatewayElement
  | ParallelGatewayElement
  | InclusiveGatewayElement;

/** The element interface of one kind: `ElementOfKind<'user-task'>` is `UserTaskElement`. */
export type ElementOfKind<K extends ElementKind> = Extract<ExecutableElement, { readonly kind: K }>;

/** Elements that can carry io mappings and loop characteristics. */
export type ActivityElement = Extract<ExecutableElement, { readonly loop: unknown }>;

export function isActivity(element: ExecutableElement): element is ActivityElement {
  return 'loop' in element;
}
