import type { NameAnalysis } from '../name-analysis.js';
import type { Scope } from '../scope.js';
import type { SyntaxNode } from '../syntax.js';

/** A compiled (sub)expression: evaluates against a scope, never re-parses. */
export type Evaluator = (scope: Scope) => unknown;

/**
 * feelin tags each node with a static type guess that changes behaviour elsewhere: a
 * filter `list[x]` indexes when `x` is tagged number/boolean/any, compares when it is a
 * string, and tests each element when it is a `test` (comparison, `and`, …). The
 * compiled code computes the same tags, by the same rules, at compile time.
 */
export type Tag = 'number' | 'boolean' | 'string' | 'nil' | 'any' | 'test' | 'date' | undefined;

export interface Compiled {
  readonly evaluate: Evaluator;
  readonly tag: Tag;
  /** Set when the value is known at compile time (literals, folded date literals). */
  readonly constant?: { readonly value: unknown };
}

export interface CompileContext {
  readonly names: NameAnalysis;
  /** Whether the node sits inside the brackets of a filter `list[...]`. */
  readonly inFilter: boolean;
  compile(node: SyntaxNode): Compiled;
  /** The same context, for nodes inside filter brackets. */
  insideFilter(): CompileContext;
}

export type NodeCompiler = (node: SyntaxNode, context: CompileContext) => Compiled;

/**
 * Thrown at compile time when a construct is outside the compiled subset; the caller then
 * leaves this expression (for this set of variable names) to feelin.
 */
export class Unsupported extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Unsupported';
  }
}

/** The `index`-th child, or a compile-time failure naming what was expected. */
export function child(node: SyntaxNode, index: number): SyntaxNode {
  const found = node.children[index];
  if (!found) throw new Unsupported(`a ${node.type} without part ${index}`);
  return found;
}

export function constant(value: unknown, tag: Tag): Compiled {
  return { evaluate: () => value, tag, constant: { value } };
}

/** feelin's tag of a node whose value is one of two branches (if/else, binary arithmetic). */
export function commonTag(a: Tag, b: Tag): Tag {
  return a === b ? a : 'any';
}
