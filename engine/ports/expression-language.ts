/**
 * The engine's door to an expression language (FEEL in Funnelflow).
 *
 * Life cycle: the parser calls `compile` once per expression while it builds the
 * executable model (deploy time); the runtime calls `evaluate` on the compiled form as
 * often as the process runs. Compilation rejects what can never run (syntax errors);
 * evaluation never throws for missing data: FEEL's answer to a missing variable is null.
 */
export interface ExpressionLanguage {
  /** Compile once. Throws `ExpressionSyntaxError` when the source cannot be parsed. */
  compile(source: string): CompiledExpression;
}

export interface CompiledExpression {
  /** The expression as written, without the leading `=` of Camunda 8's notation. */
  readonly source: string;
  /**
   * Evaluate against the variables visible to the element. `now` is the time of the
   * command being processed: FEEL's `now()` and `today()` read it, never the wall clock,
   * so that the core stays deterministic.
   */
  evaluate(variables: VariableContext, now: Date): ExpressionResult;
}

/**
 * The variables visible to the element: its scope chain flattened, inner scopes
 * shadowing outer ones. A plain object (FEEL resolves names against its keys).
 */
export type VariableContext = Readonly<Record<string, unknown>>;

export type ExpressionResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly message: string };

export class ExpressionSyntaxError extends Error {
  constructor(readonly source: string, message: string) {
    super(message);
    this.name = 'ExpressionSyntaxError';
  }
}
