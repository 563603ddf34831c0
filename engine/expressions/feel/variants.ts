import { compileTree, Unsupported } from './compile/index.js';
import type { Evaluator } from './compile/types.js';
import type { NameAnalysis } from './name-analysis.js';
import { signatureNames } from './name-guard.js';
import { parseFeel } from './syntax.js';

/**
 * One source, one compiled form per set of "names that change the parse".
 *
 * feelin parses with the variables at hand: `order-total > 5` is a comparison when a
 * variable `order-total` exists and a subtraction otherwise. The name guard reduces the
 * variables of an evaluation to a signature of exactly those names (usually none); this
 * cache holds the compiled form for each signature seen, parsed as feelin would parse it
 * with those names. A signature whose parse fails or uses constructs outside the subset is
 * remembered as "feelin", so the decision is made once per signature, not per call.
 */
export type Variant =
  | { readonly kind: 'compiled'; readonly evaluate: Evaluator }
  | { readonly kind: 'feelin'; readonly reason: string };

/** Bound on distinct signatures per expression; beyond it feelin takes unseen ones. */
const MAX_VARIANTS = 16;

export class Variants {
  private readonly cache = new Map<string, Variant>();

  constructor(private readonly source: string, private readonly names: NameAnalysis) {}

  get(signature: string): Variant {
    let variant = this.cache.get(signature);
    if (!variant) {
      if (this.cache.size >= MAX_VARIANTS) return { kind: 'feelin', reason: 'too many distinct variable name sets' };
      variant = buildVariant(this.source, this.names, signatureNames(signature));
      this.cache.set(signature, variant);
    }
    return variant;
  }
}

export function buildVariant(source: string, names: NameAnalysis, knownNames: readonly string[]): Variant {
  const parsed = parseFeel(source, knownNames);
  if (parsed.errorAt >= 0) {
    const given =
      knownNames.length === 0
        ? 'on its own (it needs a variable whose name joins words and symbols)'
        : `with the variables ${knownNames.map((n) => `'${n}'`).join(', ')}`;
    return { kind: 'feelin', reason: `does not parse ${given}` };
  }
  if (parsed.hasComments) return { kind: 'feelin', reason: 'contains comments' };
  try {
    return { kind: 'compiled', evaluate: compileTree(parsed.root, names) };
  } catch (error) {
    if (error instanceof Unsupported) return { kind: 'feelin', reason: `uses ${error.message}` };
    // a compiler defect must not make a valid expression fail: feelin still evaluates it
    return { kind: 'feelin', reason: `could not be compiled: ${(error as Error).message}` };
  }
}
