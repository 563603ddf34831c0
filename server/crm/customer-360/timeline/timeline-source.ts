import type { Customer360Context } from '../section.js';

/** One event of the customer's history, as the card shows it. */
export interface TimelineEntry {
  readonly at: Date;
  readonly kind: string;
  readonly title: string;
  readonly actorId: string | null;
  /** The API resource the event is about. */
  readonly link: string | null;
}

/**
 * An entry with its position in the merged order: newest first by the exact time
 * (microseconds since the epoch, as text: a JS Date would lose the database's precision and
 * break ties), then sources in registration order, then the source's own id, descending.
 */
export interface SortedEntry extends TimelineEntry {
  readonly micros: string;
  readonly sortId: string;
}

/** Where the next page starts: the position of the last entry shown. */
export interface TimelineCursor {
  readonly micros: string;
  readonly source: string;
  readonly sortId: string;
}

export interface TimelinePage {
  readonly limit: number;
  readonly before?: TimelineCursor | undefined;
}

/**
 * One kind of history (audit entries, deal changes, process events, …). `load` returns up
 * to `limit` entries strictly after `before` in the merged order — newest first — which it
 * finds with `keysetBefore` (timeline-keyset.ts). Register sources in timeline/sources.ts.
 */
export interface TimelineSource {
  readonly key: string;
  load(context: Customer360Context, page: { limit: number; before: KeysetBound | undefined }): Promise<SortedEntry[]>;
}

/**
 * The cursor as one source must apply it. Among entries of the same instant, sources come
 * in registration order: a source registered after the cursor's may still show entries of
 * the cursor's instant, one registered before may not, and the cursor's own source compares
 * (instant, sortId).
 */
export interface KeysetBound {
  readonly micros: string;
  readonly sameInstant: 'allowed' | 'forbidden' | { readonly sortIdBelow: string };
}
