import { FeelDate, FeelRange } from 'feelin';
import { createRange } from '../ranges.js';
import { ABSENT, type Scope } from '../scope.js';
import type { SyntaxNode } from '../syntax.js';
import { feelEquals, feelType } from '../values.js';
import { child, Unsupported, type Compiled, type CompileContext, type Evaluator, type NodeCompiler } from './types.js';

/**
 * Comparisons: `= != < <= > >=`, `x between a and b`, and `x in …` with lists, ranges
 * (`[1..5]`, `> 10`) and lists of unary tests (`(1, 2, >5)`).
 *
 * feelin defines `<` and friends as membership in a half-open range, which fixes the
 * semantics of odd operands (`"a" < 5` is false, `1 < true` fails). Numbers and strings,
 * the common case, are compared directly with the same ordering function; anything else
 * builds the range and asks feelin's range whether it contains the value.
 */
export const comparisonCompilers: Record<string, NodeCompiler> = {
  Comparison(node, context) {
    const operator = child(node, 1);
    const left = context.compile(child(node, 0)).evaluate;
    if (operator.type === 'CompareOp') return compareOp(operator.text, left, context.compile(child(node, 2)).evaluate);
    if (operator.type === 'between') {
      return between(left, context.compile(child(node, 2)).evaluate, context.compile(child(node, 4)).evaluate);
    }
    if (operator.type === 'in') {
      const tests = node.children[3]?.type === 'PositiveUnaryTests' ? child(node, 3) : child(node, 2);
      const interval = singleInterval(tests);
      if (interval) {
        const within = intervalMembership(interval, context);
        return { tag: 'test', evaluate: (scope) => within(left(scope), scope) };
      }
      const evaluateTests = context.compile(tests).evaluate;
      return { tag: 'test', evaluate: (scope) => compareIn(left(scope), evaluateTests(scope)) };
    }
    throw new Unsupported(`the comparison '${operator.text}'`);
  },

  /** One test of `x in …`; a boolean-tagged test compares with `?` when the context has one. */
  PositiveUnaryTest(node, context) {
    const test = context.compile(child(node, 0));
    const evaluate = test.evaluate;
    if (test.tag !== 'boolean') return { tag: undefined, evaluate };
    return {
      tag: undefined,
      evaluate(scope) {
        const implicit = scope.direct('?');
        return implicit === ABSENT ? evaluate(scope) : evaluate(scope) === implicit;
      },
    };
  },

  PositiveUnaryTests(node, context) {
    const tests = node.children.map((test) => context.compile(test).evaluate);
    return { tag: undefined, evaluate: (scope) => tests.map((test) => test(scope)) };
  },

  /** `< 10`, `= "x"` or an interval, as the test value feelin produces for it. */
  SimplePositiveUnaryTest(node, context) {
    if (node.children.length === 1) return context.compile(child(node, 0));
    const operator = child(node, 0);
    const operand = context.compile(child(node, 1)).evaluate;
    const makeTest = unaryTestMaker(operator.text);
    return { tag: 'test', evaluate: (scope) => makeTest(operand(scope)) };
  },

  Interval(node, context) {
    const startBracket = child(node, 0).type;
    const endBracket = child(node, 4).type;
    const start = context.compile(child(node, 1)).evaluate;
    const end = context.compile(child(node, 3)).evaluate;
    return {
      tag: 'test',
      evaluate(scope) {
        const left = start(scope);
        const right = end(scope);
        return createRange(left, right, left !== null && startBracket === '[', right !== null && endBracket === ']');
      },
    };
  },
};

/** `x in [a..b]` (one interval, no boolean special case): the node of that interval. */
function singleInterval(tests: SyntaxNode): SyntaxNode | null {
  if (tests.type !== 'PositiveUnaryTest') return null;
  const simple = tests.children[0];
  if (simple?.type !== 'SimplePositiveUnaryTest' || simple.children.length !== 1) return null;
  const interval = simple.children[0];
  return interval?.type === 'Interval' ? interval : null;
}

/**
 * Membership in an interval without building the range when the value and both bounds
 * are numbers (or all strings): the same bound checks feelin's range performs, including
 * its swap of descending bounds. Anything else asks feelin's range.
 */
function intervalMembership(interval: SyntaxNode, context: CompileContext): (value: unknown, scope: Scope) => unknown {
  const startIncluded = child(interval, 0).type === '[';
  const endIncluded = child(interval, 4).type === ']';
  const start = context.compile(child(interval, 1)).evaluate;
  const end = context.compile(child(interval, 3)).evaluate;
  return (value, scope) => {
    const low = start(scope);
    const high = end(scope);
    if (sameOrderable(low, high) && sameOrderable(value, low)) {
      const swap = order(low as Orderable, high as Orderable) > 0;
      const [from, to] = swap ? [high, low] : [low, high];
      const [fromIncluded, toIncluded] = swap ? [endIncluded, startIncluded] : [startIncluded, endIncluded];
      const afterStart = order(value as Orderable, from as Orderable);
      if (fromIncluded ? afterStart < 0 : afterStart <= 0) return false;
      const beforeEnd = order(value as Orderable, to as Orderable);
      return toIncluded ? beforeEnd <= 0 : beforeEnd < 0;
    }
    return compareIn(value, createRange(low, high, low !== null && startIncluded, high !== null && endIncluded));
  };
}

type Orderable = number | string | FeelDate;

/**
 * Kinds compared without feelin's range machinery: numbers, strings, and calendar dates,
 * whose order (feelin compares their UTC midnights) is the order of their ISO text as long
 * as the year has four digits.
 */
function orderKind(value: unknown): 0 | 1 | 2 | 3 {
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  if (value instanceof FeelDate && value.iso.length === 10) return 3;
  return 0;
}

function sameOrderable(a: unknown, b: unknown): boolean {
  const kind = orderKind(a);
  return kind !== 0 && kind === orderKind(b);
}

/** feelin's ordering of two values of the same orderable kind. */
function order(a: Orderable, b: Orderable): number {
  const x = a instanceof FeelDate ? a.iso : a;
  const y = b instanceof FeelDate ? b.iso : b;
  if (x < y) return -1;
  if (x > y) return 1;
  return 0;
}

const ORDERINGS = {
  '<': { test: (c: number) => c < 0, range: (b: unknown) => createRange(null, b, false, false) },
  '<=': { test: (c: number) => c <= 0, range: (b: unknown) => createRange(null, b, false, true) },
  '>': { test: (c: number) => c > 0, range: (b: unknown) => createRange(b, null, false, false) },
  '>=': { test: (c: number) => c >= 0, range: (b: unknown) => createRange(b, null, true, false) },
} as const;

function compareOp(operator: string, left: Evaluator, right: Evaluator): Compiled {
  switch (operator) {
    case '=':
      return { tag: 'test', evaluate: (scope) => { const a = left(scope); return feelEquals(a, right(scope)); } };
    case '!=':
      return {
        tag: 'test',
        evaluate(scope) {
          const a = left(scope);
          const result = feelEquals(a, right(scope));
          return result === null ? null : !result;
        },
      };
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const { test, range } = ORDERINGS[operator];
      return {
        tag: 'test',
        evaluate(scope) {
          const a = left(scope);
          const b = right(scope);
          if (sameOrderable(a, b)) return test(order(a as Orderable, b as Orderable));
          return range(b).includes(a);
        },
      };
    }
    default:
      throw new Unsupported(`the comparison operator '${operator}'`);
  }
}

/** `x between a and b`: null when a bound is null, else membership in [a..b] (either order). */
function between(value: Evaluator, low: Evaluator, high: Evaluator): Compiled {
  return {
    tag: 'test',
    evaluate(scope) {
      const start = low(scope);
      const end = high(scope);
      if (start === null || end === null) return null;
      if (sameOrderable(start, end)) {
        const x = value(scope);
        if (sameOrderable(x, start)) {
          const [from, to] = order(start as Orderable, end as Orderable) > 0 ? [end, start] : [start, end];
          return order(x as Orderable, from as Orderable) >= 0 && order(x as Orderable, to as Orderable) <= 0;
        }
        return createRange(start, end).includes(x);
      }
      return createRange(start, end).includes(value(scope));
    },
  };
}

/** The test value of `op operand` inside `in (...)`: a range, or an equality function. */
function unaryTestMaker(operator: string): (operand: unknown) => unknown {
  switch (operator) {
    case '=':
      return (b) => (a: unknown) => feelEquals(a, b);
    case '!=':
      return (b) => (a: unknown) => {
        const result = feelEquals(a, b);
        return result === null ? null : !result;
      };
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ORDERINGS[operator].range;
    default:
      throw new Unsupported(`the unary test operator '${operator}'`);
  }
}

/**
 * Three-valued membership: a matching test wins; a range or test function that cannot
 * decide makes the answer unknown; a plain value that is not comparable simply does not
 * match.
 */
export function compareIn(value: unknown, tests: unknown): boolean | null {
  let list: readonly unknown[];
  if (Array.isArray(tests)) list = tests;
  else if (feelType(tests) === 'nil') return null;
  else list = [tests];
  let unknown = false;
  for (const test of list) {
    let result = testValue(test, value);
    if (result === null && !(test instanceof FeelRange) && typeof test !== 'function') result = false;
    if (result === true) return true;
    if (result === null) unknown = true;
  }
  return unknown ? null : false;
}

function testValue(test: unknown, value: unknown): unknown {
  if (typeof test === 'function') return (test as (v: unknown) => unknown)(value);
  if (test instanceof FeelRange) return test.includes(value);
  return feelEquals(test, value);
}
