import type { ElementTransformer } from './element-transformer.js';
import { activityFields } from './activity-fields.js';

/** Embedded sub-process: a scope whose children run from its none start event. */
export const transformSubProcess: ElementTransformer<'sub-process'> = (node, base, ctx, process) => ({
  ...activityFields(node, base, ctx),
  startEventId: process.noneStartEventOf(base.id) ?? '',
});
