import type { VariableContext } from '../../ports/expression-language.js';
import type { NameAnalysis } from './name-analysis.js';
import { KEYWORDS, firstCharTable, isPlainIdentifier, isPureWords, normalizeName } from './name-chars.js';
import type { LooseKey } from './scope.js';

/**
 * Per-evaluation checks that the variables are read the way the compiled tree assumes.
 *
 * A key matters only if its normalised spelling is one of the runs the source could glue
 * into a name (see name-analysis) or a keyword the source contains. Most keys are ruled
 * out by their first character alone; single identifiers (`amount`, `dealStage`) never
 * matter; multi-word keys made of plain words (`order total`) are read the same with or
 * without the variable, so they do not matter either. Typically this walk over the keys
 * is the largest part of an evaluation's cost (~0.1 µs for a few dozen variables).
 */

const { hasOwnProperty, propertyIsEnumerable } = Object.prototype;

export interface RootNames {
  /**
   * The keys that change how the source parses, normalised, sorted and joined: the
   * compiled variant for exactly these names applies ('' = the plain parse).
   */
  readonly signature: string;
  /** The keys that are not single identifiers but could match a name in the source. */
  readonly loose: readonly LooseKey[];
}

/**
 * `null` when two keys normalise to the same name (`a b` and `a  b`): feelin resolves
 * such a name by one rule when parsing and another when evaluating, which only feelin
 * itself can reproduce.
 */
export function rootNames(variables: VariableContext, names: NameAnalysis): RootNames | null {
  if (names.candidates.size === 0) return EMPTY;
  const firstChars = names.firstChars;
  let loose: LooseKey[] | null = null;
  let signature: string[] | null = null;
  for (const key in variables) {
    const first = key.charCodeAt(0);
    if (first < 128 && firstChars[first] === 0) continue;
    if (isPlainIdentifier(key)) continue;
    const norm = normalizeName(key);
    if (!names.candidates.has(norm) || !propertyIsEnumerable.call(variables, key)) continue;
    if (key !== norm && propertyIsEnumerable.call(variables, norm)) return null;
    loose ??= [];
    for (const other of loose) if (other.norm === norm) return null;
    loose.push({ key, norm });
    if (key === norm && isPureWords(norm)) continue;
    (signature ??= []).push(norm);
  }
  for (const keyword of names.keywordList) {
    // hasOwnProperty first: it is cheaper, and a miss (the normal case) settles it
    if (hasOwnProperty.call(variables, keyword) && propertyIsEnumerable.call(variables, keyword)) (signature ??= []).push(keyword);
  }
  if (!loose && !signature) return EMPTY;
  return { signature: signature ? signature.sort().join('\u0001') : '', loose: loose ?? [] };
}

const EMPTY: RootNames = { signature: '', loose: [] };

export function signatureNames(signature: string): string[] {
  return signature === '' ? [] : signature.split('\u0001');
}

/** What a nested-key check looks for, prepared at compile time. */
export interface KeyFilter {
  readonly candidates: ReadonlySet<string>;
  readonly keywords: ReadonlySet<string>;
  readonly firstChars: Uint8Array;
}

export function keyFilter(candidates: ReadonlySet<string>, keywords: ReadonlySet<string>): KeyFilter {
  return { candidates, keywords, firstChars: firstCharTable([...candidates, ...keywords]) };
}

/**
 * Whether a nested object (a path step's target, a filtered context) has keys that would
 * glue tokens of the source into different names than the compiled tree has. Lists only
 * expose their indexes to the parser, which never form names.
 */
export function nestedKeysChangeParse(target: unknown, filter: KeyFilter): boolean {
  if (typeof target !== 'object' || target === null || Array.isArray(target)) return false;
  const { candidates, keywords, firstChars } = filter;
  for (const key in target) {
    const first = key.charCodeAt(0);
    if (first < 128 && firstChars[first] === 0) continue;
    if (isPlainIdentifier(key)) {
      if (keywords.has(key)) return true;
      continue;
    }
    const norm = normalizeName(key);
    if (!candidates.has(norm)) continue;
    // a canonical plain-words key cannot change the parse; anything else (symbols,
    // keywords, odd spacing, a second spelling of the same name) can
    if (!(key === norm && isPureWords(norm))) return true;
  }
  return false;
}

/** Whether a run of source tokens is a place where a nested key could change the parse. */
export function runsCanJoin(runs: readonly string[]): boolean {
  return runs.length > 1 || (runs[0] !== undefined && KEYWORDS.has(runs[0]));
}
