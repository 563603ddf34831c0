import type { VariableContext } from '../../ports/expression-language.js';
import { isPlainIdentifier, normalizeName } from './name-chars.js';
import { fromHost, hasFeelProperty, isContext } from './values.js';

/**
 * Name resolution for compiled expressions.
 *
 * feelin evaluates against one merged object per scope: the variables, then for a filter
 * `{ ...outer, item, ...element }`, for a context literal `{ ...outer, ...entriesSoFar }`,
 * and resolves a name on it by exact key, then by normalised key, then by scanning all keys
 * for one whose normalised form matches (so `order  total` finds `order total`). Copying
 * the variables per element would cost more than the rest of the evaluation, so scopes
 * here are a chain that answers the same questions in the same order without copying.
 */

/** Marks "no such key" (a key may exist with the value `undefined`). */
export const ABSENT: unique symbol = Symbol('absent');

/** A key that is not a single identifier, with its normalised form. */
export interface LooseKey {
  readonly key: string;
  readonly norm: string;
}

const propertyIsEnumerable = Object.prototype.propertyIsEnumerable;

export abstract class Scope {
  abstract readonly root: RootScope;

  /** The value of an own key of the merged context, or ABSENT. */
  abstract direct(key: string): unknown;

  /** The merged context's keys that are not plain identifiers, in the merged key order. */
  abstract looseKeys(): readonly LooseKey[];

  /**
   * feelin's name lookup. `undefined` when the name is not there (feelin does not tell a
   * missing key from one holding `undefined` either). Only names that are not plain keys
   * pay for the scan, and only when the exact lookup misses.
   */
  lookup(name: string, norm: string): unknown {
    let value = this.direct(name);
    if (value !== ABSENT) return value;
    if (norm !== name) {
      value = this.direct(norm);
      if (value !== ABSENT) return value;
    }
    for (const loose of this.looseKeys()) {
      if (loose.norm === norm) return this.direct(loose.key);
    }
    return undefined;
  }
}

/**
 * The variables of one evaluation. `relevantLooseKeys` is precomputed by the name guard
 * (it already walks the keys once per evaluation): the non-identifier keys whose
 * normalised form the expression can mention; no other key can match a name in it.
 */
export class RootScope extends Scope {
  readonly root: RootScope = this;

  constructor(
    private readonly variables: VariableContext,
    private readonly relevantLooseKeys: readonly LooseKey[],
    readonly now: Date,
  ) {
    super();
  }

  direct(key: string): unknown {
    // feelin copies the variables with `{ ...variables }`: own enumerable keys only
    return propertyIsEnumerable.call(this.variables, key) ? fromHost(this.variables[key]) : ABSENT;
  }

  looseKeys(): readonly LooseKey[] {
    return this.relevantLooseKeys;
  }
}

/** Inside `list[condition]`: the element's keys, then `item`, then the outer scope. */
export class FilterScope extends Scope {
  readonly root: RootScope;
  private loose: readonly LooseKey[] | null = null;

  constructor(private readonly parent: Scope, private readonly element: unknown) {
    super();
    this.root = parent.root;
  }

  direct(key: string): unknown {
    const element = this.element;
    if (typeof element === 'object' && element !== null && propertyIsEnumerable.call(element, key)) {
      return (element as Record<string, unknown>)[key];
    }
    if (key === 'item') return element;
    return this.parent.direct(key);
  }

  looseKeys(): readonly LooseKey[] {
    if (!this.loose) this.loose = mergeLooseKeys(this.parent, this.element);
    return this.loose;
  }
}

/** Inside a context literal: the entries defined so far, then the outer scope. */
export class EntriesScope extends Scope {
  readonly root: RootScope;

  constructor(private readonly parent: Scope, private readonly entries: Record<string, unknown>) {
    super();
    this.root = parent.root;
  }

  direct(key: string): unknown {
    return Object.prototype.hasOwnProperty.call(this.entries, key) ? this.entries[key] : this.parent.direct(key);
  }

  looseKeys(): readonly LooseKey[] {
    // entries grow while the literal is evaluated, so this is not cached (literals are small)
    return mergeLooseKeys(this.parent, this.entries);
  }
}

/** The loose keys of `{ ...parent, ...layer }` in that object's key order. */
function mergeLooseKeys(parent: Scope, layer: unknown): readonly LooseKey[] {
  const inherited = parent.looseKeys();
  if (typeof layer !== 'object' || layer === null || Array.isArray(layer)) return inherited;
  const added: LooseKey[] = [];
  for (const key of Object.keys(layer)) {
    if (isPlainIdentifier(key) || parent.direct(key) !== ABSENT) continue;
    added.push({ key, norm: normalizeName(key) });
  }
  return added.length === 0 ? inherited : [...inherited, ...added];
}

/**
 * feelin's lookup of `target.name` (a path step). Primitives have no properties. feelin
 * reads contexts from its copy of the variables, which keeps own enumerable keys only;
 * other objects (its temporal values, lists) expose own properties and getters.
 * `undefined` when absent.
 */
export function propertyOf(target: unknown, name: string, norm: string): unknown {
  if (target === null || target === undefined) return undefined;
  const type = typeof target;
  if (type === 'boolean' || type === 'number' || type === 'string') return undefined;
  const object = target as Record<string, unknown>;
  const plain = isContext(object);
  if (plain ? propertyIsEnumerable.call(object, name) : hasFeelProperty(object, name)) return object[name];
  if (norm !== name && (plain ? propertyIsEnumerable.call(object, norm) : hasFeelProperty(object, norm))) return object[norm];
  for (const key of Object.keys(object)) {
    if (!isPlainIdentifier(key) && normalizeName(key) === norm) return object[key];
  }
  return undefined;
}

/**
 * Thrown by compiled code when this evaluation must be left to feelin after all (a name
 * in the data would change the parse, a variable shadows a built-in with a callable
 * value, …). A shared instance: it is a control-flow signal, not an error report.
 */
export const NEEDS_FEELIN: unique symbol = Symbol('needs feelin');
