import { booleanProp } from '../moddle-access.js';
import type { ElementTransformer } from './element-transformer.js';
import { activityFields } from './activity-fields.js';

/**
 * Embedded sub-process (also a transaction): a scope whose children run from its none
 * start event. An event sub-process starts at its one event start instead.
 */
export const transformSubProcess: ElementTransformer<'sub-process'> = (node, base, ctx, process) => {
  const triggeredByEvent = booleanProp(node, 'triggeredByEvent', false);
  return {
    ...activityFields(node, base, ctx),
    startEventId: (triggeredByEvent ? process.eventStartOf(base.id) : process.noneStartEventOf(base.id)) ?? '',
    triggeredByEvent,
    isTransaction: node.$type === 'bpmn:Transaction',
  };
};
