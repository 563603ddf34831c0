import type { CompiledExpression, ValueSource } from '../../model/index.js';
import type { ExpressionLanguage } from '../../ports/expression-language.js';
import { problem, type ParseProblem } from '../parse-problem.js';

/**
 * What transformers share: the expression language and the problem list. Compiling
 * records a problem instead of throwing, so that one pass reports every bad expression;
 * the model built around a bad expression is discarded with the problems.
 */
export class TransformContext {
  readonly problems: ParseProblem[] = [];

  constructor(private readonly language: ExpressionLanguage) {}

  /** Compile a FEEL expression (with or without Camunda's leading `=`). */
  expression(source: string, elementId: string, what: string): CompiledExpression {
    try {
      return this.language.compile(source);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.problems.push(problem(elementId, `Expected a valid FEEL expression as ${what} of '${elementId}', but: ${reason}`));
      return INVALID_EXPRESSION;
    }
  }

  /** `=…` is an expression, anything else the literal string; null when absent or blank. */
  valueSource(raw: string | null, elementId: string, what: string): ValueSource | null {
    if (raw === null || raw.trim() === '') return null;
    if (raw.trimStart().startsWith('=')) return { kind: 'expression', expression: this.expression(raw.trim(), elementId, what) };
    return { kind: 'static', value: raw };
  }

  /** Like `valueSource`, with the literal converted (or rejected with a problem) by `convert`. */
  typedSource<T>(raw: string | null, elementId: string, what: string, convert: (literal: string) => T | null): ValueSource<T> | null {
    const source = this.valueSource(raw, elementId, what);
    if (source === null || source.kind === 'expression') return source;
    const value = convert(source.value.trim());
    if (value === null) {
      this.problems.push(problem(elementId, `Expected ${what} of '${elementId}' to be valid, but it is '${source.value}'`));
      return null;
    }
    return { kind: 'static', value };
  }

  report(elementId: string | null, message: string): void {
    this.problems.push(problem(elementId, message));
  }
}

/** Stands in for an expression that did not compile; never evaluated, because the model is rejected. */
const INVALID_EXPRESSION: CompiledExpression = Object.freeze({
  source: '',
  evaluate: () => ({ ok: false as const, message: 'Expected a valid expression, but it did not compile' }),
});

export function commaList(literal: string): readonly string[] {
  return literal.split(',').map((part) => part.trim()).filter((part) => part !== '');
}

export function wholeNumber(literal: string): number | null {
  return /^-?\d+$/.test(literal) ? Number(literal) : null;
}
