import { feelinArithmetic, type ArithmeticOperator } from '../feelin-bridge.js';
import { isTemporalValue } from '../values.js';
import { child, commonTag, Unsupported, type NodeCompiler } from './types.js';

/**
 * `+ - * / **` and unary minus. Numbers (and `+` on two strings) are computed here with
 * JS numbers, as feelin does (so `0.1 + 0.2` is 0.30000000000000004 in both). Any other
 * combination is null, except when an operand is a date, time or duration: then feelin
 * computes it, because its calendar arithmetic is the reference.
 */
export const arithmeticCompilers: Record<string, NodeCompiler> = {
  ArithmeticExpression(node, context) {
    if (node.children.length === 2) {
      // unary minus: feelin evaluates it as `0 - operand`
      const operator = operatorOf(child(node, 0).text);
      const operand = context.compile(child(node, 1));
      const evaluateOperand = operand.evaluate;
      const apply = BINARY[operator];
      return { tag: operand.tag, evaluate: (scope) => apply(0, evaluateOperand(scope)) };
    }
    const left = context.compile(child(node, 0));
    const operator = operatorOf(child(node, 1).text);
    const right = context.compile(child(node, 2));
    const evaluateLeft = left.evaluate;
    const evaluateRight = right.evaluate;
    const apply = BINARY[operator];
    return {
      tag: commonTag(left.tag, right.tag),
      evaluate(scope) {
        const a = evaluateLeft(scope);
        return apply(a, evaluateRight(scope));
      },
    };
  },
};

function operatorOf(text: string): ArithmeticOperator {
  switch (text) {
    case '+':
    case '-':
    case '*':
    case '/':
    case '**':
      return text;
    case '^':
      return '**';
    default:
      throw new Unsupported(`the arithmetic operator '${text}'`);
  }
}

/** Either operand temporal: feelin decides (including its `null` for nonsense like date * 2). */
function temporal(operator: ArithmeticOperator, a: unknown, b: unknown): unknown {
  if (isTemporalValue(a) || isTemporalValue(b)) return feelinArithmetic(operator, a, b);
  return null;
}

const BINARY: Record<ArithmeticOperator, (a: unknown, b: unknown) => unknown> = {
  '+': (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a + b;
    if (typeof a === 'string' && typeof b === 'string') return a + b;
    return temporal('+', a, b);
  },
  '-': (a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : temporal('-', a, b)),
  '*': (a, b) => (typeof a === 'number' && typeof b === 'number' ? a * b : temporal('*', a, b)),
  // division by zero is null in feelin
  '/': (a, b) => (typeof a === 'number' && typeof b === 'number' ? (!b ? null : a / b) : temporal('/', a, b)),
  '**': (a, b) => (typeof a === 'number' && typeof b === 'number' ? Math.pow(a, b) : temporal('**', a, b)),
};
