import {
  ExpressionSyntaxError,
  type CompiledExpression,
  type ExpressionLanguage,
  type ExpressionResult,
  type VariableContext,
} from '../ports/expression-language.js';
import { evaluateWithFeelin } from './feel/fallback.js';
import { analyzeNames, RunTooLongError, type NameAnalysis } from './feel/name-analysis.js';
import { rootNames } from './feel/name-guard.js';
import { RootScope } from './feel/scope.js';
import { parseFeel } from './feel/syntax.js';
import { detach } from './feel/values.js';
import { Variants, type Variant } from './feel/variants.js';

/**
 * FEEL through feelin, compiled once.
 *
 * `compile` parses with feelin's parser and translates the tree into closures for the
 * subset process models use (see feel/compile). `evaluate` then costs a few closure calls
 * instead of feelin's parse + interpretation. What the subset does not cover is evaluated
 * by feelin itself (see feel/fallback); the results are the same either way, which the
 * differential test checks against feelin case by case.
 */

/** How an expression is evaluated: by the compiled closures, or by feelin on each call. */
export type FeelStrategy = 'compiled' | 'feelin';

export interface FeelCompiledExpression extends CompiledExpression {
  /**
   * The strategy for variables without names that change the parse (the normal case).
   * Variables with such names (`order-total`, a variable called `date`) get their own
   * compiled form on first use, or feelin when that is outside the subset too.
   */
  readonly strategy: FeelStrategy;
  /** Why feelin evaluates this expression, when it does. */
  readonly reason: string | null;
  /** How many evaluations took each path so far (for tests and diagnostics). */
  readonly stats: { readonly compiled: number; readonly feelin: number };
}

/** The port, with the richer compiled type (a subtype of the port's). */
export interface FeelLanguage extends ExpressionLanguage {
  compile(source: string): FeelCompiledExpression;
}

export const feelLanguage: FeelLanguage = {
  compile(source: string): FeelCompiledExpression {
    const expression = source.startsWith('=') ? source.slice(1).trim() : source.trim();
    if (expression === '') throw new ExpressionSyntaxError(expression, 'Expected a FEEL expression, but it is empty');
    const names = analyze(expression);
    assertParses(expression, names);
    return new FeelExpression(expression, names);
  },
};

class FeelExpression implements FeelCompiledExpression {
  readonly strategy: FeelStrategy;
  readonly reason: string | null;
  readonly stats = { compiled: 0, feelin: 0 };
  private readonly variants: Variants | null;

  constructor(readonly source: string, private readonly names: NameAnalysis | null) {
    if (!names) {
      this.variants = null;
      this.strategy = 'feelin';
      this.reason = 'has a name run too long to analyse';
      return;
    }
    this.variants = new Variants(source, names);
    const base: Variant = this.variants.get('');
    this.strategy = base.kind;
    this.reason = base.kind === 'feelin' ? base.reason : null;
  }

  evaluate(variables: VariableContext, now: Date): ExpressionResult {
    if (this.variants && this.names) {
      try {
        // which names in these variables change the parse (usually none), hence which compiled form applies
        const names = rootNames(variables, this.names);
        const variant = names && this.variants.get(names.signature);
        if (names && variant?.kind === 'compiled') {
          const value = variant.evaluate(new RootScope(variables, names.loose, now));
          this.stats.compiled++;
          return { ok: true, value: detach(value ?? null) };
        }
      } catch {
        // NEEDS_FEELIN (the data needs feelin's own reading) or any failure in the
        // compiled path: feelin decides, so an error is reported exactly when feelin fails
      }
    }
    this.stats.feelin++;
    return evaluateWithFeelin(this.source, variables, now);
  }
}

function analyze(expression: string): NameAnalysis | null {
  try {
    return analyzeNames(expression);
  } catch (error) {
    if (error instanceof RunTooLongError) return null;
    throw error;
  }
}

/**
 * A syntax error is an expression no variables can make valid. Most sources parse on
 * their own; one that does not may still be valid FEEL with a variable whose name glues
 * words and symbols (`Mike's age > 18` with a variable `Mike's age`), so it is tried
 * once more with every such run declared as a name before it is rejected.
 */
function assertParses(expression: string, names: NameAnalysis | null): void {
  const plain = parseFeel(expression);
  if (plain.errorAt < 0) return;
  if (names && names.joinableRuns.length > 0 && parseFeel(expression, names.joinableRuns).errorAt < 0) return;
  throw new ExpressionSyntaxError(
    expression,
    `Expected a valid FEEL expression, but '${expression}' has a syntax error at position ${plain.errorAt}`,
  );
}

