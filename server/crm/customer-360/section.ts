import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { Viewer } from '../access/viewer.js';
import type { CustomerRow } from '../customers/customer.table.js';
import type { TimelinePage } from './timeline/timeline-source.js';

/**
 * What every section of the 360 card may read. Shared lookups (the customer's visible deals,
 * its contact links, …) are memoised, so sections that need the same thing cost one query
 * between them — the card is a fixed handful of queries, never one per deal or contact.
 */
export interface Customer360Context {
  readonly db: Kysely<Database>;
  readonly viewer: Viewer;
  readonly customer: CustomerRow;
  /** The customer's id and every id merged into it (their history is its history). */
  readonly customerIds: readonly string[];
  /** The visible deals of the customer: ids and the process instances driving them. */
  readonly dealRefs: () => Promise<{ ids: string[]; processInstanceIds: string[] }>;
  /** The process instances anchored to the customer: business key = the customer or one of its deals, or a deal's instance. */
  readonly instanceIds: () => Promise<string[]>;
  readonly timeline: TimelinePage;
}

/**
 * One part of the 360 card: its key in the reply, the JSON Schema of its value (for the
 * reply schema and the OpenAPI document) and how to load it. Register new ones (activities,
 * complaints, …) in sections/index.ts — the one place the card is composed from.
 */
export interface Customer360Section {
  readonly key: string;
  readonly schema: Record<string, unknown>;
  load(context: Customer360Context): Promise<unknown>;
}

/** A function that runs `load` once and hands every caller the same promise. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= load());
}
