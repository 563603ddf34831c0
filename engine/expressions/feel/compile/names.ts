import { evaluate } from 'feelin';
import { BUILTIN_NAMES } from '../feelin-bridge.js';
import { normalizeName } from '../name-chars.js';
import { keyFilter, nestedKeysChangeParse, runsCanJoin } from '../name-guard.js';
import { NEEDS_FEELIN, propertyOf } from '../scope.js';
import type { SyntaxNode } from '../syntax.js';
import { child, Unsupported, type CompileContext, type NodeCompiler } from './types.js';

/**
 * Names and qualified paths: `amount`, `order total`, `deal.amount`, `a.b.c`, and the
 * projection `items.amount` over a list. A missing name or property is `null`; a name
 * that is not a variable but a built-in evaluates to that built-in, as in feelin.
 */
export const nameCompilers: Record<string, NodeCompiler> = {
  VariableName(node) {
    const name = nameOf(node);
    const norm = normalizeName(name);
    const builtin = builtinValue(name);
    return {
      tag: 'any',
      evaluate(scope) {
        const value = scope.lookup(name, norm);
        return value !== undefined ? value : builtin;
      },
    };
  },

  PathExpression(node, context) {
    const target = context.compile(child(node, 0));
    const pathName = child(node, 2);
    if (pathName.type !== 'PathName') throw new Unsupported(`a path step of type ${pathName.type}`);
    const name = nameOf(pathName);
    const norm = normalizeName(name);
    const guard = pathGuard(node, pathName, context);
    const evaluateTarget = target.evaluate;
    return {
      tag: 'any',
      evaluate(scope) {
        const value = evaluateTarget(scope);
        if (guard && guard(value)) throw NEEDS_FEELIN;
        if (Array.isArray(value)) return value.map((element) => propertyOrNull(element, name, norm));
        return propertyOrNull(value, name, norm);
      },
    };
  },
};

function propertyOrNull(target: unknown, name: string, norm: string): unknown {
  const value = propertyOf(target, name, norm);
  return value !== undefined ? value : null;
}

/** feelin's name of a VariableName / PathName / Name node: its words joined by one space. */
export function nameOf(node: SyntaxNode): string {
  if (node.children.length === 0) throw new Unsupported(`an empty ${node.type}`);
  return node.children
    .map((part) => {
      if (part.type !== 'Identifier') throw new Unsupported(`a name part of type ${part.type}`);
      return part.text;
    })
    .join(' ');
}

/** Whether a node is a name or a path of names, whose tracked value the parser also uses. */
export function isNameChain(node: SyntaxNode): boolean {
  if (node.type === 'VariableName') return true;
  return node.type === 'PathExpression' && node.children[0] !== undefined && isNameChain(node.children[0]);
}

/**
 * The parser reads the words after `target.` against the keys of the target's value
 * (`deal.first-name` is one property if `deal` has a key `first-name`). When the source
 * after the dot could glue into a longer name, the compiled code checks the target's keys
 * before reading the property. Inside filter brackets the parser's idea of the target can
 * differ from the evaluated one, so such paths are left to feelin.
 */
function pathGuard(node: SyntaxNode, pathName: SyntaxNode, context: CompileContext): ((target: unknown) => boolean) | null {
  const runs = context.names.candidatesAt(pathName.from);
  if (!runsCanJoin(runs)) return null;
  if (context.inFilter) {
    // the parser reads `item.` against the filtered value's keys, which the enclosing
    // filter's guard already checks (its runs include these)
    const target = child(node, 0);
    if (target.type === 'VariableName' && target.text === 'item') return null;
    throw new Unsupported('a path inside a filter whose property name could join with what follows');
  }
  if (!isNameChain(child(node, 0))) throw new Unsupported('a path on a computed value whose property name could join with what follows');
  const first = runs[0] ?? '';
  const filter = keyFilter(new Set(runs), new Set(context.names.keywords.has(first) ? [first] : []));
  return (target) => nestedKeysChangeParse(target, filter);
}

/**
 * feelin falls back to a built-in when a name is no variable (`count` alone is the `count`
 * function). The value is feelin's own, taken once at compile time.
 */
function builtinValue(name: string): unknown {
  if (!BUILTIN_NAMES.has(name)) return null;
  const value = evaluate(name, {}).value;
  if (typeof value !== 'function') throw new Unsupported(`the built-in ${name} as a value`);
  return value;
}

