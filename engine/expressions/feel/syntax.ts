import { parseExpression } from 'feelin';

/**
 * feelin's parser (lezer-feel) as a plain, immutable syntax tree the compiler can walk
 * several times. Comments are dropped (feelin skips them too); error nodes are reported.
 */
export interface SyntaxNode {
  /** The lezer node name (`Comparison`, `VariableName`, `(`, `and`, …). */
  readonly type: string;
  readonly from: number;
  readonly to: number;
  readonly text: string;
  readonly children: readonly SyntaxNode[];
}

export interface ParseResult {
  readonly root: SyntaxNode;
  /** Offset of the first syntax error, or -1. */
  readonly errorAt: number;
  /** Whether the source contains comments (the compiler leaves those to feelin). */
  readonly hasComments: boolean;
}

/**
 * Parse as feelin does for an evaluation whose variables have exactly the given keys
 * (values do not matter to the parse except for nested keys, which the compiled code
 * guards at run time).
 */
export function parseFeel(source: string, knownNames: readonly string[] = []): ParseResult {
  const context: Record<string, null> = {};
  for (const name of knownNames) context[name] = null;
  const tree = parseExpression(source, context, undefined);

  let errorAt = -1;
  let hasComments = false;
  const stack: Array<{ type: string; from: number; to: number; children: SyntaxNode[] }> = [
    { type: '__root', from: 0, to: source.length, children: [] },
  ];
  tree.iterate({
    enter(node) {
      if (node.type.isError && errorAt < 0) errorAt = node.from;
      if (node.type.isSkipped) {
        hasComments = true;
        return false;
      }
      stack.push({ type: node.name, from: node.from, to: node.to, children: [] });
      return undefined;
    },
    leave(node) {
      if (node.type.isSkipped) return;
      const done = stack.pop()!;
      stack[stack.length - 1]!.children.push({ ...done, text: source.slice(done.from, done.to) });
    },
  });
  const top = stack[0]!.children[0];
  if (!top) return { root: { type: 'Expression', from: 0, to: 0, text: '', children: [] }, errorAt: 0, hasComments };
  return { root: top, errorAt, hasComments };
}
