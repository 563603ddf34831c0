import type { NameAnalysis } from '../name-analysis.js';
import type { SyntaxNode } from '../syntax.js';
import { arithmeticCompilers } from './arithmetic.js';
import { callCompilers } from './calls.js';
import { collectionCompilers } from './collections.js';
import { comparisonCompilers } from './comparison.js';
import { literalCompilers } from './literals.js';
import { logicCompilers } from './logic.js';
import { nameCompilers } from './names.js';
import { child, Unsupported, type Compiled, type CompileContext, type Evaluator, type NodeCompiler } from './types.js';
import { typeCheckCompilers } from './types-check.js';

/**
 * The tree-walking compiler: turns feelin's syntax tree into nested closures, one per
 * node, so an evaluation is a few function calls instead of a parse and an interpretation.
 * Node types without a compiler here are outside the compiled subset (`for`, `some`,
 * `every`, function definitions, …): compiling them throws Unsupported and the caller
 * leaves the expression to feelin.
 */
const COMPILERS: ReadonlyMap<string, NodeCompiler> = new Map(
  Object.entries({
    ...literalCompilers,
    ...nameCompilers,
    ...logicCompilers,
    ...comparisonCompilers,
    ...arithmeticCompilers,
    ...collectionCompilers,
    ...callCompilers,
    ...typeCheckCompilers,
    Expression: (node, context) => {
      if (node.children.length !== 1) throw new Unsupported('more than one expression');
      return context.compile(child(node, 0));
    },
    // feelin passes the inner closure through, tag included
    ParenthesizedExpression: (node, context) => context.compile(child(node, 1)),
  } satisfies Record<string, NodeCompiler>),
);

export function compileTree(root: SyntaxNode, names: NameAnalysis): Evaluator {
  return makeContext(names, false).compile(root).evaluate;
}

function makeContext(names: NameAnalysis, inFilter: boolean): CompileContext {
  const context: CompileContext = {
    names,
    inFilter,
    compile(node): Compiled {
      const compiler = COMPILERS.get(node.type);
      if (!compiler) throw new Unsupported(`the construct ${node.type}`);
      return compiler(node, context);
    },
    insideFilter: () => (inFilter ? context : makeContext(names, true)),
  };
  return context;
}

export { Unsupported };
