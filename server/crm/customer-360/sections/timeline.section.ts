import { loadTimeline } from '../timeline/timeline.js';
import type { Customer360Section } from '../section.js';

export const timelineItemSchema = {
  type: 'object',
  required: ['at', 'kind', 'title', 'actor', 'link'],
  properties: {
    at: { type: 'string', format: 'date-time' },
    kind: { type: 'string', description: 'e.g. customer.update, deal.stage, process.started, task.completed' },
    title: { type: 'string' },
    actor: { type: ['object', 'null'], required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
    link: { type: ['string', 'null'], description: 'The API resource the event is about' },
  },
} as const;

export const timelineSchema = {
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: { items: { type: 'array', items: timelineItemSchema }, nextCursor: { type: ['string', 'null'], description: 'Pass as `before` for older entries' } },
} as const;

/** The merged history, newest first (timeline/). */
export const timelineSection: Customer360Section = { key: 'timeline', schema: timelineSchema, load: loadTimeline };
