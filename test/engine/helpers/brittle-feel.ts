import { feelLanguage, type ExpressionLanguage } from '../../../engine/index.js';

/**
 * FEEL as usual, except that an expression mentioning `broken` fails to evaluate while
 * the variable `broken` is true: a deterministic way to make incidents in tests (FEEL
 * itself answers most mistakes with null instead of failing).
 */
export const brittleFeel: ExpressionLanguage = {
  compile(source) {
    const compiled = feelLanguage.compile(source);
    if (!/\bbroken\b/.test(source)) return compiled;
    return {
      source: compiled.source,
      evaluate: (variables, now) =>
        variables['broken'] === true ? { ok: false, message: `'${compiled.source}' is broken on purpose` } : compiled.evaluate(variables, now),
    };
  },
};
