import { evaluate } from 'feelin';
import { constant, Unsupported, type NodeCompiler } from './types.js';

/**
 * Literals become constants. Number parsing uses the same calls feelin uses on the same
 * text; strings with escapes are decoded by feelin itself (once, at compile time), so
 * every escape rule matches without being restated here.
 */
export const literalCompilers: Record<string, NodeCompiler> = {
  NumericLiteral(node) {
    const value = node.text.includes('.') ? parseFloat(node.text) : parseInt(node.text);
    return constant(value, 'number');
  },

  StringLiteral(node) {
    return constant(stringLiteralValue(node.text), 'string');
  },

  BooleanLiteral(node) {
    return constant(node.text === 'true', 'boolean');
  },

  null() {
    return constant(null, 'nil');
  },
};

export function stringLiteralValue(text: string): string {
  if (!text.includes('\\')) {
    let inner = text;
    if (inner.startsWith('"')) inner = inner.slice(1);
    if (inner.endsWith('"')) inner = inner.slice(0, -1);
    return inner;
  }
  const value = evaluate(text, {}).value;
  if (typeof value !== 'string') throw new Unsupported(`a string literal feelin does not read as a string: ${text}`);
  return value;
}
