import type { CompiledExpression } from '../ports/expression-language.js';

/**
 * A value written in the model either literally or as a FEEL expression, as Camunda 8
 * does it: an attribute that starts with `=` is an expression evaluated at run time,
 * anything else is the literal value.
 */
export type ValueSource<T = string> = StaticValue<T> | ExpressionValue;

export interface StaticValue<T> {
  readonly kind: 'static';
  readonly value: T;
}

export interface ExpressionValue {
  readonly kind: 'expression';
  readonly expression: CompiledExpression;
}

export type { CompiledExpression };
