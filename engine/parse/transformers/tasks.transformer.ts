import type { ElementTransformer } from './element-transformer.js';
import { activityFields } from './activity-fields.js';

/** Abstract task: does nothing, the token passes (after io mappings and loops). */
export const transformTask: ElementTransformer<'task'> = (node, base, ctx) => activityFields(node, base, ctx);

/** Manual task: work done outside any system; runs like an abstract task. */
export const transformManualTask: ElementTransformer<'manual-task'> = (node, base, ctx) => activityFields(node, base, ctx);
