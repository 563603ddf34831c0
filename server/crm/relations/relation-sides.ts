import type { RelationType, StoredRelationType } from './relation.table.js';

/**
 * The two readings of one stored relation. "X is A's <type>" is stored as:
 *  - parent: from X (the parent) to A;  child: from A (the parent) to X;
 *  - symmetric types (spouse, partner, sibling, other): from the smaller id to the larger.
 * Read from either end, a `parent` row is "parent" from the child's side and "child" from
 * the parent's; symmetric rows read the same from both.
 */
export function storedForm(customerId: string, relatedId: string, type: RelationType): { fromId: string; toId: string; type: StoredRelationType } {
  if (type === 'parent') return { fromId: relatedId, toId: customerId, type: 'parent' };
  if (type === 'child') return { fromId: customerId, toId: relatedId, type: 'parent' };
  const [fromId, toId] = customerId < relatedId ? [customerId, relatedId] : [relatedId, customerId];
  return { fromId, toId, type };
}

/** What the other end of a stored relation is to `customerId`. */
export function seenFrom(customerId: string, row: { from_id: string; to_id: string; type: StoredRelationType }): { relatedId: string; type: RelationType } {
  const relatedId = row.from_id === customerId ? row.to_id : row.from_id;
  if (row.type !== 'parent') return { relatedId, type: row.type };
  return { relatedId, type: row.from_id === customerId ? 'child' : 'parent' };
}
