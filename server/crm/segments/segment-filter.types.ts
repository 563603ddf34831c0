/**
 * The filter language of dynamic segments (and of static snapshots): a JSON tree of groups
 * over conditions, e.g.
 *
 *   { "all": [ { "field": "status", "op": "in", "value": ["regular", "qualified"] },
 *              { "any": [ { "field": "custom.turnover", "op": "gte", "value": 1000000 },
 *                         { "field": "categories", "op": "contains", "value": "vip" } ] } ] }
 *
 * Fields are customer columns (segment-fields.ts) or `custom.<name>` (a custom field).
 */
export type SegmentFilter = FilterGroup | FilterCondition;

export type FilterGroup = { readonly all: readonly SegmentFilter[] } | { readonly any: readonly SegmentFilter[] };

export const FILTER_OPS = ['eq', 'ne', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export interface FilterCondition {
  readonly field: string;
  readonly op: FilterOp;
  readonly value?: unknown;
}

export const isGroup = (node: SegmentFilter): node is FilterGroup => 'all' in node || 'any' in node;
export const childrenOf = (group: FilterGroup): readonly SegmentFilter[] => ('all' in group ? group.all : group.any);
