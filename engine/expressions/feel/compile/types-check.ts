import { FeelDuration } from 'feelin';
import { feelType } from '../values.js';
import { child, Unsupported, type NodeCompiler } from './types.js';

/**
 * `x instance of T` for FEEL's named types (`number`, `string`, `date and time`, `list`,
 * `Any`, `Null`, …). Parameterised types (`list<number>`, `context<…>`, function types) and
 * class names resolved from the variables are left to feelin.
 */
export const typeCheckCompilers: Record<string, NodeCompiler> = {
  InstanceOfExpression(node, context) {
    const value = context.compile(child(node, 0)).evaluate;
    const type = child(child(node, 3), 0);
    if (type.type !== 'SpecialType' && type.type !== 'QualifiedName') throw new Unsupported(`the type ${type.text}`);
    const name = type.text.replace(/\s+/g, ' ').trim();
    const check = NAMED_TYPES.get(name);
    if (!check) throw new Unsupported(`the type ${name}`);
    return { tag: 'test', evaluate: (scope) => check(value(scope)) };
  },
};

const isType = (expected: string) => (value: unknown): boolean => feelType(value) === expected;

const NAMED_TYPES: ReadonlyMap<string, (value: unknown) => boolean> = new Map(Object.entries({
  Any: (value) => feelType(value) !== 'nil',
  Null: (value) => value === null,
  number: isType('number'),
  string: isType('string'),
  boolean: isType('boolean'),
  date: isType('date'),
  time: isType('time'),
  'date and time': isType('date time'),
  duration: isType('duration'),
  'days and time duration': (value) => value instanceof FeelDuration && !value.yearsMonths,
  'years and months duration': (value) => value instanceof FeelDuration && value.yearsMonths,
  context: isType('context'),
  list: isType('list'),
  range: isType('range'),
  function: isType('function'),
}));
