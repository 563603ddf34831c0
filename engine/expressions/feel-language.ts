import { evaluate, parseExpression } from 'feelin';
import {
  ExpressionSyntaxError,
  type CompiledExpression,
  type ExpressionLanguage,
  type ExpressionResult,
  type VariableContext,
} from '../ports/expression-language.js';

/**
 * FEEL through feelin. First version: validates syntax at compile time and evaluates
 * with feelin on every call (feelin re-parses each time; a compile-once evaluator
 * replaces the inside of `compile` without changing this interface).
 */
export const feelLanguage: ExpressionLanguage = {
  compile(source: string): CompiledExpression {
    const expression = source.startsWith('=') ? source.slice(1).trim() : source.trim();
    assertParses(expression);
    return {
      source: expression,
      evaluate(variables: VariableContext, _now: Date): ExpressionResult {
        try {
          return { ok: true, value: evaluate(expression, { ...variables }).value ?? null };
        } catch (error) {
          return { ok: false, message: `Expected FEEL expression '${expression}' to evaluate, but: ${(error as Error).message}` };
        }
      },
    };
  },
};

function assertParses(expression: string): void {
  if (expression === '') throw new ExpressionSyntaxError(expression, 'Expected a FEEL expression, but it is empty');
  const tree = parseExpression(expression, {}, undefined);
  let errorAt = -1;
  tree.iterate({
    enter(node) {
      if (node.type.isError && errorAt < 0) errorAt = node.from;
    },
  });
  if (errorAt >= 0) {
    throw new ExpressionSyntaxError(expression, `Expected a valid FEEL expression, but '${expression}' has a syntax error at position ${errorAt}`);
  }
}
