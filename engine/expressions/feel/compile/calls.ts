import { evaluate, FeelFunction, FeelRange } from 'feelin';
import { BUILTIN_NAMES, builtinFunction, feelNow, feelToday, feelinFunction, isInvocationFailure } from '../feelin-bridge.js';
import { normalizeName } from '../name-chars.js';
import { NEEDS_FEELIN, type Scope } from '../scope.js';
import type { SyntaxNode } from '../syntax.js';
import { nameOf } from './names.js';
import { child, constant, Unsupported, type CompileContext, type NodeCompiler } from './types.js';

/**
 * Function calls. Built-ins run feelin's own implementations (resolved once at compile
 * time, invoked exactly as feelin invokes them, a failed invocation is null), except
 * `now()` and `today()`, which read the engine command's time instead of the clock.
 *
 * A variable of the same name shadows a built-in, as in feelin: a non-callable one makes
 * the call null; a callable one (a function value passed in the variables) is left to
 * feelin for that evaluation.
 */
export const callCompilers: Record<string, NodeCompiler> = {
  FunctionInvocation(node, context) {
    const target = child(node, 0);
    if (target.type === 'SpecialFunctionName') return fixedBuiltinCall(node, context);
    if (target.type !== 'VariableName') throw new Unsupported(`a call on a ${target.type}`);
    const name = nameOf(target);
    const norm = normalizeName(name);
    const args = compileArguments(node, context);
    const call = builtinCall(name);
    return {
      tag: 'any',
      evaluate(scope) {
        const shadow = scope.lookup(name, norm);
        if (shadow !== undefined) {
          if (isCallable(shadow)) throw NEEDS_FEELIN;
          return null;
        }
        if (!call) return null;
        return call(args(scope), scope);
      },
    };
  },

  /**
   * `date("2024-01-31")`, `duration("P3D")`, `@"2024-01-31"`: constant arguments are
   * evaluated once by feelin at compile time (feelin itself folds them the same way);
   * others call the constructor at run time. These names cannot be shadowed here: a
   * variable named `date` or `time` changes the parse, which the name guard handles.
   */
  DateTimeLiteral(node, context) {
    if (node.children.length === 1 || node.children.every(isConstantArgumentPart)) {
      return constant(foldConstant(node), 'date');
    }
    return { tag: 'date', evaluate: fixedBuiltinCall(node, context).evaluate };
  },
};

/**
 * Calls whose target the grammar fixes to a built-in (`date(x)`, `date and time(x)`,
 * `years and months duration(a, b)`): feelin resolves them without looking at variables.
 */
function fixedBuiltinCall(node: SyntaxNode, context: CompileContext): { tag: 'any'; evaluate: (scope: Scope) => unknown } {
  const name = normalizeName(child(node, 0).text);
  const args = compileArguments(node, context);
  const direct = builtinFunction(name);
  if (direct) return { tag: 'any', evaluate: (scope) => invokeBuiltin(direct, args(scope)) };
  const delegate = builtinDelegate(name, node);
  return { tag: 'any', evaluate: (scope) => delegate(args(scope)) };
}

type Arguments = unknown[] | Record<string, unknown>;

/** Positional arguments become a list, named ones an object, as feelin passes them. */
function compileArguments(node: SyntaxNode, context: CompileContext): (scope: Scope) => Arguments {
  const parameters = node.children.find((part) => part.type === 'PositionalParameters' || part.type === 'NamedParameters');
  if (!parameters) {
    if (node.children.some((part) => part.type.endsWith('Parameters'))) throw new Unsupported('this parameter list');
    return () => [];
  }
  if (parameters.type === 'PositionalParameters') {
    const values = parameters.children.map((argument) => context.compile(argument).evaluate);
    return (scope) => values.map((value) => value(scope));
  }
  const named = parameters.children.map((parameter) => {
    if (parameter.type !== 'NamedParameter') throw new Unsupported(`a named parameter of type ${parameter.type}`);
    const nameNode = child(child(parameter, 0), 0);
    nameOf(nameNode);
    return { name: nameNode.text.replace(/\s{2,}/g, ' '), value: context.compile(child(parameter, 1)).evaluate };
  });
  return (scope) => {
    const values: Record<string, unknown> = {};
    for (const { name, value } of named) values[name] = value(scope);
    return values;
  };
}

/** How feelin turns a value into something it can call (anything else: "cannot invoke"). */
function isCallable(value: unknown): boolean {
  return Boolean(value) && (typeof value === 'function' || value instanceof FeelFunction || value instanceof FeelRange);
}

function builtinCall(name: string): ((args: Arguments, scope: Scope) => unknown) | null {
  if (name === 'now') return (args, scope) => nullary(args, () => feelNow(scope.root.now));
  if (name === 'today') return (args, scope) => nullary(args, () => feelToday(scope.root.now));
  if (!BUILTIN_NAMES.has(name)) return null;
  const builtin = builtinFunction(name);
  if (!builtin) throw new Unsupported(`a call of the built-in ${name}`);
  return (args) => invokeBuiltin(builtin, args);
}

function invokeBuiltin(builtin: FeelFunction, args: Arguments): unknown {
  const result = builtin.invoke(args);
  return isInvocationFailure(result) ? null : result;
}

/** A function without parameters, called as feelin calls it: any argument is a mismatch. */
function nullary(args: Arguments, produce: () => unknown): unknown {
  const count = Array.isArray(args) ? args.length : Object.keys(args).length;
  return count === 0 ? produce() : null;
}

const LITERALS: ReadonlySet<string> = new Set(['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'null']);

function isConstantArgumentPart(part: SyntaxNode): boolean {
  if (part.type === 'PositionalParameters') return part.children.every((argument) => LITERALS.has(argument.type));
  if (part.type === 'NamedParameters') return part.children.every((parameter) => LITERALS.has(parameter.children[1]?.type ?? ''));
  return true;
}

function foldConstant(node: SyntaxNode): unknown {
  try {
    return evaluate(node.text, {}).value ?? null;
  } catch (error) {
    throw new Unsupported(`the literal ${node.text} (${(error as Error).message})`);
  }
}

/**
 * Built-ins feelin does not hand out as values (`date and time`, `years and months
 * duration`) are called through a FEEL function wrapping the call, parsed once.
 */
function builtinDelegate(name: string, node: SyntaxNode): (args: Arguments) => unknown {
  const parameters = node.children.find((part) => part.type === 'PositionalParameters' || part.type === 'NamedParameters');
  const count = parameters?.children.length ?? 0;
  const params = Array.from({ length: count }, (_, i) => `p${i}`);
  if (parameters?.type === 'NamedParameters') {
    const names = parameters.children.map((parameter) => child(child(parameter, 0), 0).text.replace(/\s{2,}/g, ' '));
    const fn = feelinFunction(`function(${params.join(', ')}) ${name}(${names.map((n, i) => `${n}: p${i}`).join(', ')})`);
    return (args) => fn.invoke(names.map((n) => (args as Record<string, unknown>)[n]));
  }
  const fn = feelinFunction(`function(${params.join(', ')}) ${name}(${params.join(', ')})`);
  return (args) => fn.invoke(args);
}

