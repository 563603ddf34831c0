import { isTruthy } from '../values.js';
import { child, commonTag, type NodeCompiler } from './types.js';

/**
 * `and`, `or` and `if`. FEEL's `and`/`or` are three-valued: anything that is not a
 * boolean counts as unknown (null), and `false and null` is false, `true or null` true.
 * feelin evaluates both operands (no short-circuit); so does the compiled code, so that an
 * operand that fails fails the same way.
 */
/**
 * `and` (decisive value false) and `or` (decisive value true): the decisive value on
 * either side decides; both sides the other boolean give that boolean; anything else null.
 */
function threeValued(decisive: boolean): NodeCompiler {
  return (node, context) => {
    const left = context.compile(child(node, 0)).evaluate;
    const right = context.compile(child(node, 2)).evaluate;
    return {
      tag: 'test',
      evaluate(scope) {
        const a = asBoolean(left(scope));
        const b = asBoolean(right(scope));
        if (a === decisive || b === decisive) return decisive;
        if (a === !decisive && b === !decisive) return !decisive;
        return null;
      },
    };
  };
}

export const logicCompilers: Record<string, NodeCompiler> = {
  Conjunction: threeValued(false),
  Disjunction: threeValued(true),

  /** `if c then a else b`: only `false` and `null` select the else branch (feelin's rule). */
  IfExpression(node, context) {
    const condition = context.compile(child(node, 1)).evaluate;
    const then = context.compile(child(node, 3));
    const otherwise = context.compile(child(node, 5));
    const thenEvaluate = then.evaluate;
    const otherwiseEvaluate = otherwise.evaluate;
    return {
      tag: commonTag(then.tag, otherwise.tag),
      evaluate: (scope) => (isTruthy(condition(scope)) ? thenEvaluate(scope) : otherwiseEvaluate(scope)),
    };
  },
};

function asBoolean(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}
