import { booleanProp, elementProp, stringProp } from '../moddle-access.js';
import type { ElementTransformer } from './element-transformer.js';
import { activityFields } from './activity-fields.js';
import { messageOf, transformEventDefinition } from './event-definitions.js';
import { transformIoMapping } from './io-mapping.js';

/** Start events: none (process or sub-process), timer/message/signal (process), any trigger (event sub-process). */
export const transformStartEvent: ElementTransformer<'start-event'> = (node, base, ctx) => ({
  ...base,
  eventDefinition: transformEventDefinition(node, base.id, ctx),
  interrupting: booleanProp(node, 'isInterrupting', true),
  io: transformIoMapping(node, base.id, ctx),
});

export const transformEndEvent: ElementTransformer<'end-event'> = (node, base, ctx) => ({
  ...base,
  eventDefinition: transformEventDefinition(node, base.id, ctx),
  io: transformIoMapping(node, base.id, ctx),
});

export const transformIntermediateThrowEvent: ElementTransformer<'intermediate-throw-event'> = (node, base, ctx) => ({
  ...base,
  eventDefinition: transformEventDefinition(node, base.id, ctx),
  io: transformIoMapping(node, base.id, ctx),
});

/** The supported-elements check has rejected a catch event without a definition. */
export const transformIntermediateCatchEvent: ElementTransformer<'intermediate-catch-event'> = (node, base, ctx) => ({
  ...base,
  eventDefinition: transformEventDefinition(node, base.id, ctx) ?? { kind: 'link', linkName: '' },
  io: transformIoMapping(node, base.id, ctx),
});

export const transformBoundaryEvent: ElementTransformer<'boundary-event'> = (node, base, ctx) => ({
  ...base,
  attachedToId: stringProp(elementProp(node, 'attachedToRef'), 'id') ?? '',
  cancelActivity: booleanProp(node, 'cancelActivity', true),
  eventDefinition: transformEventDefinition(node, base.id, ctx) ?? { kind: 'cancel' },
  io: transformIoMapping(node, base.id, ctx),
});

/** Receive task: waits for its message like a message catch event, with activity powers (io, loops, boundaries). */
export const transformReceiveTask: ElementTransformer<'receive-task'> = (node, base, ctx) => ({
  ...activityFields(node, base, ctx),
  message: messageOf(elementProp(node, 'messageRef'), base.id, ctx),
});

export const transformEventBasedGateway: ElementTransformer<'event-based-gateway'> = (_node, base) => base;
