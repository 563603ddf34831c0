import { Ajv } from 'ajv';
import { invalidField as invalid } from '../shared.js';
import { COLUMN_FIELDS, CUSTOM_NAME, CUSTOM_PREFIX, fieldSpec, OPS_BY_TYPE, type FieldSpec } from './segment-fields.js';
import { childrenOf, FILTER_OPS, isGroup, type FilterCondition, type SegmentFilter } from './segment-filter.types.js';

const MAX_DEPTH = 6;
const MAX_CONDITIONS = 100;
const MAX_LIST = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/**
 * The shape of a filter tree, checked by ajv: a group is `{all: [...]}` or `{any: [...]}`,
 * anything else must be a condition `{field, op, value?}`. if/then/else rather than oneOf,
 * so an error names the one branch that applies instead of every branch that failed.
 */
const fieldPattern = `^(${Object.keys(COLUMN_FIELDS).join('|')}|${CUSTOM_PREFIX.replace('.', '\\.')}${CUSTOM_NAME})$`;
const group = (key: string) => ({ required: [key], additionalProperties: false, properties: { [key]: { type: 'array', minItems: 1, maxItems: 50, items: { $ref: '#/definitions/node' } } } });
const filterShape = {
  $ref: '#/definitions/node',
  definitions: {
    node: {
      type: 'object',
      if: { required: ['all'] },
      then: group('all'),
      else: {
        if: { required: ['any'] },
        then: group('any'),
        else: {
          required: ['field', 'op'],
          additionalProperties: false,
          properties: { field: { type: 'string', pattern: fieldPattern }, op: { enum: [...FILTER_OPS] }, value: {} },
        },
      },
    },
  },
};
// strictRequired off: the if-clauses test `required` on purpose, without declaring properties.
const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: false, coerceTypes: false, useDefaults: false });
const validateShape = ajv.compile<SegmentFilter>(filterShape);

/**
 * Checks a filter before it is saved or run: its shape (ajv), then what a schema says
 * poorly — the operator fits the field, the value fits the operator, the tree is not too
 * deep or too large. Every failure is a 400 naming the path, e.g. `body.filter.all.1.value`.
 */
export function checkFilter(filter: unknown, path = 'body.filter'): SegmentFilter {
  if (!validateShape(filter)) {
    const error = validateShape.errors![0]!;
    const at = [path, ...error.instancePath.split('/').filter(Boolean)];
    const extra = error.params.additionalProperty ?? error.params.missingProperty;
    if (typeof extra === 'string') at.push(extra);
    const message = error.keyword === 'pattern' ? 'is not a filterable field (status, kind, categories, ownerId, unitId, typeId, region, source, name, createdAt or custom.<name>)' : (error.message ?? 'is invalid');
    throw invalid(at.join('.'), message);
  }
  let conditions = 0;
  const walk = (node: SegmentFilter, at: string, depth: number): void => {
    if (depth > MAX_DEPTH) throw invalid(at, `nests groups deeper than ${MAX_DEPTH} levels`);
    if (isGroup(node)) {
      const key = 'all' in node ? 'all' : 'any';
      childrenOf(node).forEach((child, i) => walk(child, `${at}.${key}.${i}`, depth + 1));
      return;
    }
    if (++conditions > MAX_CONDITIONS) throw invalid(at, `makes the filter longer than ${MAX_CONDITIONS} conditions`);
    checkCondition(node, at);
  };
  walk(filter, path, 1);
  return filter;
}

function checkCondition(condition: FilterCondition, at: string): void {
  const spec = fieldSpec(condition.field)!;
  const ops = OPS_BY_TYPE[spec.type];
  if (!ops.includes(condition.op)) throw invalid(`${at}.op`, `must be one of ${ops.join(', ')} for field '${condition.field}'`);
  const problem = valueProblem(spec, condition);
  if (problem) throw invalid(`${at}.value`, problem);
}

/** What is wrong with the condition's value, or undefined. */
function valueProblem(spec: FieldSpec, { op, value }: FilterCondition): string | undefined {
  if (op === 'exists') return value === undefined || typeof value === 'boolean' ? undefined : 'must be true or false (or left out: true)';
  if (value === undefined) return 'is required';
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST) return `must be a list of 1 to ${MAX_LIST} values`;
    const bad = value.findIndex((v) => scalarProblem(spec, v) !== undefined);
    return bad < 0 ? undefined : `[${bad}] ${scalarProblem(spec, value[bad])}`;
  }
  if (op === 'contains') {
    if (spec.type === 'tags') {
      const list = Array.isArray(value) ? value : [value];
      return list.length > 0 && list.length <= MAX_LIST && list.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 50) ? undefined : 'must be a category or a list of categories';
    }
    return typeof value === 'string' && value.length > 0 && value.length <= 200 ? undefined : 'must be a non-empty text (up to 200 characters)';
  }
  if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
    if (spec.type === 'timestamp') return typeof value === 'string' && /^[0-9]{4}-[0-9]{2}-[0-9]{2}/.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'must be an ISO date or date-time';
    return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && DAY.test(value)) ? undefined : 'must be a number or a date (YYYY-MM-DD)';
  }
  return scalarProblem(spec, value);
}

function scalarProblem(spec: FieldSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'enum':
      return typeof value === 'string' && spec.values!.includes(value) ? undefined : `must be one of ${spec.values!.join(', ')}`;
    case 'uuid':
      return typeof value === 'string' && UUID.test(value) ? undefined : 'must be an id (uuid)';
    case 'custom':
      return ['string', 'number', 'boolean'].includes(typeof value) && (typeof value !== 'string' || value.length <= 2000) ? undefined : 'must be a text, number or boolean';
    default:
      return typeof value === 'string' && value.length <= 200 ? undefined : 'must be a text (up to 200 characters)';
  }
}
