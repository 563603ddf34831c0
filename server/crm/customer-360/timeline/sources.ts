import { auditSource } from './sources/audit.source.js';
import { dealHistorySource } from './sources/deal-history.source.js';
import { processSource } from './sources/process.source.js';
import { taskSource } from './sources/task.source.js';
import type { TimelineSource } from './timeline-source.js';

/**
 * Every kind of history on a customer's timeline, in tie-break order (entries of the same
 * instant show in this order). Register a new source (activities, complaints, campaigns…) by
 * appending it: appending keeps the cursors clients hold valid.
 */
export const TIMELINE_SOURCES: readonly TimelineSource[] = [auditSource, dealHistorySource, processSource, taskSource];
