import { FeelRange } from 'feelin';
import { KEYWORDS, isPureWords, normalizeName } from '../name-chars.js';
import { keyFilter, nestedKeysChangeParse } from '../name-guard.js';
import { EntriesScope, FilterScope, NEEDS_FEELIN } from '../scope.js';
import type { SyntaxNode } from '../syntax.js';
import { isTruthy } from '../values.js';
import { stringLiteralValue } from './literals.js';
import { isNameChain, nameOf } from './names.js';
import { child, Unsupported, type CompileContext, type Evaluator, type NodeCompiler, type Tag } from './types.js';

/**
 * List literals, context literals and filters (`list[condition]`, `list[1]`, `list[-1]`).
 */
export const collectionCompilers: Record<string, NodeCompiler> = {
  List(node, context) {
    const elements = node.children.slice(1, -1).map((element) => context.compile(element).evaluate);
    return { tag: undefined, evaluate: (scope) => elements.map((element) => element(scope)) };
  },

  /** `{a: 1, b: a + 1}`: later entries see the earlier ones. */
  Context(node, context) {
    const entries = node.children.slice(1, -1).map((entry) => {
      if (entry.type !== 'ContextEntry') throw new Unsupported(`a context part of type ${entry.type}`);
      return { key: contextKey(child(entry, 0), context), value: context.compile(child(entry, 1)).evaluate };
    });
    return {
      tag: undefined,
      evaluate(scope) {
        const result: Record<string, unknown> = {};
        const defined: Record<string, unknown> = {};
        const inner = new EntriesScope(scope, defined);
        for (const { key, value } of entries) {
          const entryValue = value(inner);
          defined[key] = entryValue;
          result[key] = entryValue;
        }
        return result;
      },
    };
  },

  FilterExpression(node, context) {
    const source = child(node, 0);
    const condition = child(node, 2);
    const target = context.compile(source).evaluate;
    const guard = filterGuard(node, source, condition, context);
    const filter = context.insideFilter().compile(condition);
    return { tag: 'any', evaluate: filterEvaluator(target, guard, filter.evaluate, filter.tag) };
  },
};

const INDEX_TAGS: ReadonlySet<Tag> = new Set(['number', 'boolean', 'any']);

/**
 * feelin picks the filter's meaning from the condition's static tag: an index (or a
 * boolean for all/none) for number/boolean/any, equality with each element for a string,
 * a per-element test for comparisons and other `test` nodes, and null otherwise.
 */
function filterEvaluator(target: Evaluator, guard: ((source: unknown) => boolean) | null, filter: Evaluator, tag: Tag): Evaluator {
  const prepare = (scope: Parameters<Evaluator>[0]): unknown => {
    const value = target(scope);
    if (guard && guard(value)) throw NEEDS_FEELIN;
    return value;
  };
  if (INDEX_TAGS.has(tag)) {
    return (scope) => {
      const value = prepare(scope);
      if (value === null) return null;
      const index = filter(scope);
      if (typeof index === 'boolean') return index ? value : [];
      if (typeof index !== 'number') return [];
      const list = Array.isArray(value) ? value : [value];
      const element = list[index < 0 ? list.length + index : index - 1];
      return element === undefined ? null : element;
    };
  }
  if (tag === 'string') {
    return (scope) => {
      const value = prepare(scope);
      if (value === null) return null;
      const wanted = filter(scope);
      return (Array.isArray(value) ? value : [value]).filter((element) => element === wanted);
    };
  }
  if (tag === 'test') {
    return (scope) => {
      const value = prepare(scope);
      if (value === null) return null;
      const list: readonly unknown[] = Array.isArray(value) ? value : [value];
      return list
        .map((element) => {
          let result = filter(new FilterScope(scope, element));
          if (typeof result === 'function') result = (result as (v: unknown) => unknown)(element);
          if (result instanceof FeelRange) result = result.includes(element);
          // feelin maps matches to the element and then drops falsy entries, so a
          // matching `null` or `false` element disappears too
          return result === true ? element : result;
        })
        .filter(isTruthy);
    };
  }
  return (scope) => {
    prepare(scope);
    return null;
  };
}

/**
 * Inside the brackets the parser also knows the filtered value's keys when it is a
 * context (for a list only its indexes, which never form names). Where the bracket
 * contents could glue into names, the compiled code checks those keys first.
 */
function filterGuard(node: SyntaxNode, source: SyntaxNode, condition: SyntaxNode, context: CompileContext): ((value: unknown) => boolean) | null {
  const close = node.children[3];
  const within = context.names.candidatesWithin(condition.from, close ? close.from : node.to);
  const canJoin = within.keywords.size > 0 || [...within.candidates].some((run) => run.includes(' '));
  if (!canJoin) return null;
  if (context.inFilter) throw new Unsupported('a filter inside a filter whose condition could join names');
  if (!isNameChain(source)) throw new Unsupported('a filter on a computed value whose condition could join names');
  const filter = keyFilter(within.candidates, within.keywords);
  return (value) => nestedKeysChangeParse(value, filter);
}

/**
 * A context entry's key. The parser defines each key as a name for the following entries,
 * so keys that could glue tokens (symbols, keywords) are left to feelin.
 */
function contextKey(key: SyntaxNode, context: CompileContext): string {
  const part = child(key, 0);
  let text: string;
  if (part.type === 'Name') {
    nameOf(part); // only identifier words
    text = part.text.replace(/\s{2,}/g, ' ');
  } else if (part.type === 'StringLiteral') {
    text = stringLiteralValue(part.text);
  } else {
    throw new Unsupported(`a context key of type ${part.type}`);
  }
  const norm = normalizeName(text);
  const harmless = !KEYWORDS.has(norm) && (isPureWords(norm) || !context.names.candidates.has(norm));
  if (!harmless || text === '__proto__') throw new Unsupported(`the context key '${text}'`);
  return text;
}
