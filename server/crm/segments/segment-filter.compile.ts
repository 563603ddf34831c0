import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { fieldSpec, type FieldSpec } from './segment-fields.js';
import { childrenOf, isGroup, type FilterCondition, type SegmentFilter } from './segment-filter.types.js';

type CustomerExpression = (eb: ExpressionBuilder<Database, 'customers'>) => Expression<SqlBool>;

const COMPARE = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
const DAY_PREFIX = '^[0-9]{4}-[0-9]{2}-[0-9]{2}';

/**
 * Turns a checked filter (segment-filter.check.ts) into a where-expression over `customers`.
 * Column names come from the field whitelist and every value travels as a parameter: no
 * user text is ever spliced into SQL. Semantics worth knowing:
 *  - `ne` is "is distinct from": a customer without the value matches `ne`;
 *  - `contains` on text is a case-insensitive substring; on categories, "has all of these";
 *    `in` on categories is "has any of these";
 *  - custom fields: `eq` is jsonb containment (`{"name": value}`, served by a GIN index);
 *    `gt`/`lt`… compare numbers with numbers and dates (YYYY-MM-DD, by day) with values
 *    that look like dates — a value of another type never matches, it never fails the query.
 */
export function compileFilter(filter: SegmentFilter): CustomerExpression {
  return (eb) => compileNode(eb, filter);
}

function compileNode(eb: ExpressionBuilder<Database, 'customers'>, node: SegmentFilter): Expression<SqlBool> {
  if (isGroup(node)) {
    const parts = childrenOf(node).map((child) => compileNode(eb, child));
    return 'all' in node ? eb.and(parts) : eb.or(parts);
  }
  const spec = fieldSpec(node.field)!;
  return spec.type === 'custom' ? customCondition(spec.column, node) : columnCondition(spec, node);
}

function columnCondition(spec: FieldSpec, { op, value }: FilterCondition): RawBuilder<SqlBool> {
  const column = sql.ref(spec.column);
  const cast = spec.type === 'uuid' ? sql`::uuid` : sql``;
  switch (op) {
    case 'eq':
      return sql<SqlBool>`${column} = ${value}${cast}`;
    case 'ne':
      return sql<SqlBool>`${column} is distinct from ${value}${cast}`;
    case 'in':
      if (spec.type === 'tags') return sql<SqlBool>`${column} && ${value}::text[]`;
      return sql<SqlBool>`${column} in (${sql.join((value as unknown[]).map((v) => sql`${v}${cast}`))})`;
    case 'contains':
      if (spec.type === 'tags') return sql<SqlBool>`${column} @> ${Array.isArray(value) ? value : [value]}::text[]`;
      return sql<SqlBool>`lower(${column}) like ${substring(value as string)}`;
    case 'exists': {
      const present = spec.type === 'tags' ? sql<SqlBool>`cardinality(${column}) > 0` : sql<SqlBool>`${column} is not null`;
      return value === false ? sql<SqlBool>`not (${present})` : present;
    }
    default:
      return sql<SqlBool>`${column} ${sql.raw(COMPARE[op])} ${value}::timestamptz`;
  }
}

function customCondition(name: string, { op, value }: FilterCondition): RawBuilder<SqlBool> {
  const field = sql`customers.custom_fields -> ${name}`;
  const text = sql`customers.custom_fields ->> ${name}`;
  const has = (v: unknown) => sql<SqlBool>`customers.custom_fields @> ${JSON.stringify({ [name]: v })}::jsonb`;
  switch (op) {
    case 'eq':
      return has(value);
    case 'ne':
      return sql<SqlBool>`not (${has(value)})`;
    case 'in':
      return sql<SqlBool>`(${sql.join((value as unknown[]).map(has), sql` or `)})`;
    case 'contains':
      return sql<SqlBool>`lower(${text}) like ${substring(value as string)}`;
    case 'exists': {
      const present = sql<SqlBool>`coalesce(jsonb_typeof(${field}), 'null') <> 'null'`;
      return value === false ? sql<SqlBool>`not (${present})` : present;
    }
    default: {
      const compare = sql.raw(COMPARE[op]);
      if (typeof value === 'number') {
        return sql<SqlBool>`(case when jsonb_typeof(${field}) = 'number' then (${text})::numeric end) ${compare} ${String(value)}::numeric`;
      }
      return sql<SqlBool>`(case when jsonb_typeof(${field}) = 'string' and ${text} ~ ${DAY_PREFIX} then left(${text}, 10) end) ${compare} ${value}::text`;
    }
  }
}

/** `%value%` for LIKE, lower-cased, with LIKE's own wildcards escaped. */
function substring(value: string): string {
  return `%${value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
