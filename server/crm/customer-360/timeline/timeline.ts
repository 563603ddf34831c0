import type { Customer360Context } from '../section.js';
import { encodeTimelineCursor } from './timeline-cursor.js';
import type { KeysetBound, SortedEntry, TimelineCursor } from './timeline-source.js';
import { TIMELINE_SOURCES } from './sources.js';

export interface TimelineItem {
  at: string;
  kind: string;
  title: string;
  actor: { id: string; name: string } | null;
  link: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One page of the customer's merged timeline, newest first. Each source returns its own
 * next `limit + 1` entries after the cursor (one query each), the entries are merged in the
 * global order (instant, source order, id) and cut to `limit`; actor names come from one
 * more query. A page therefore costs (sources + 1) queries, however long the history.
 */
export async function loadTimeline(context: Customer360Context): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  const { limit, before } = context.timeline;
  const cursorRank = before ? TIMELINE_SOURCES.findIndex((s) => s.key === before.source) : -1;
  const perSource = await Promise.all(
    TIMELINE_SOURCES.map(async (source, rank) => {
      const entries = await source.load(context, { limit: limit + 1, before: before && boundFor(before, rank, cursorRank) });
      return entries.map((entry) => ({ ...entry, rank, source: source.key }));
    }),
  );
  const merged = perSource.flat().sort(newestFirst);
  const page = merged.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = merged.length > limit && last ? encodeTimelineCursor({ micros: last.micros, source: last.source, sortId: last.sortId }) : null;
  const names = await actorNames(context, page);
  const items = page.map((e) => ({
    at: e.at.toISOString(),
    kind: e.kind,
    title: e.title,
    actor: e.actorId ? { id: e.actorId, name: names.get(e.actorId) ?? e.actorId } : null,
    link: e.link,
  }));
  return { items, nextCursor };
}

function boundFor(cursor: TimelineCursor, rank: number, cursorRank: number): KeysetBound {
  if (rank === cursorRank) return { micros: cursor.micros, sameInstant: { sortIdBelow: cursor.sortId } };
  return { micros: cursor.micros, sameInstant: rank > cursorRank ? 'allowed' : 'forbidden' };
}

type Ranked = SortedEntry & { rank: number };

function newestFirst(a: Ranked, b: Ranked): number {
  const byTime = BigInt(b.micros) - BigInt(a.micros);
  if (byTime !== 0n) return byTime > 0n ? 1 : -1;
  if (a.rank !== b.rank) return a.rank - b.rank;
  return a.sortId < b.sortId ? 1 : a.sortId > b.sortId ? -1 : 0;
}

/** Users' names for the actors of a page (task assignees that are not user ids stay as they are). */
async function actorNames(context: Customer360Context, page: SortedEntry[]): Promise<Map<string, string>> {
  const ids = [...new Set(page.map((e) => e.actorId).filter((id): id is string => id !== null && UUID.test(id)))];
  if (!ids.length) return new Map();
  const users = await context.db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(users.map((u) => [u.id, u.name]));
}
