import { KEYWORDS, firstCharTable, isAdditionalSymbol, isPartChar, isSpaceChar, isStartChar } from './name-chars.js';

/**
 * Which variable names could make feelin read this source differently.
 *
 * feelin's tokenizer glues tokens into one name when a variable (or context key) of that
 * name exists: with a variable `order-total`, `order-total > 5` is a comparison of one
 * variable; without it, a subtraction. It tries, from the start of every name, ever longer
 * runs of identifier words and the symbols `' . / - + * ^ **` (spaces allowed between) and
 * keeps the longest run that is a known key. Keywords (`and`, `date`, …) become names too
 * when a key of that spelling exists.
 *
 * This module enumerates, from the text alone, every run the tokenizer could ever try (an
 * over-approximation: every identifier start outside string literals), in normalised form.
 * A variable key whose normalised form is not in this set cannot influence the parse.
 */
export interface NameAnalysis {
  /** Every normalised run (one or more tokens) the tokenizer could test against keys. */
  readonly candidates: ReadonlySet<string>;
  /** Keyword-spelled tokens in the source: a key with that exact spelling changes the parse. */
  readonly keywords: ReadonlySet<string>;
  /** The same keywords as an array (iterated on every evaluation). */
  readonly keywordList: readonly string[];
  /**
   * For ASCII codes: 1 when a key starting with that character could normalise to a
   * candidate (a candidate's first character, or whitespace, which normalisation trims).
   * Lets the per-evaluation key check skip most keys after one character.
   */
  readonly firstChars: Uint8Array;
  /** Runs starting at a given offset (for checks against nested contexts, e.g. after `a.`). */
  candidatesAt(offset: number): readonly string[];
  /** Runs starting anywhere in [from, to) (for checks against filter item contexts). */
  candidatesWithin(from: number, to: number): { readonly candidates: ReadonlySet<string>; readonly keywords: ReadonlySet<string> };
  /**
   * Multi-token runs that would need a variable to make sense of a source that does not
   * parse on its own (e.g. `Mike's age`): start and end with a non-keyword word and contain
   * a symbol or keyword. Used only to decide whether a parse failure is a real syntax error.
   */
  readonly joinableRuns: readonly string[];
}

interface Token {
  readonly text: string;
  readonly kind: 'word' | 'symbol';
}

/** Runs longer than this are not enumerated; such sources are left to feelin. */
export const MAX_RUN_TOKENS = 64;

export class RunTooLongError extends Error {}

export function analyzeNames(source: string): NameAnalysis {
  const runsByStart = new Map<number, string[]>();
  const keywordsByStart = new Map<number, string[]>();
  const candidates = new Set<string>();
  const keywords = new Set<string>();
  const joinable = new Set<string>();

  for (const start of nameStarts(source)) {
    const tokens = readRun(source, start);
    const runs: string[] = [];
    const runKeywords: string[] = [];
    let text = '';
    tokens.forEach((token, index) => {
      text = index === 0 ? token.text : `${text} ${token.text}`;
      runs.push(text);
      candidates.add(text);
      if (token.kind === 'word' && KEYWORDS.has(token.text)) {
        keywords.add(token.text);
        runKeywords.push(token.text);
      }
    });
    runsByStart.set(start, runs);
    keywordsByStart.set(start, runKeywords);
    collectJoinable(tokens, joinable);
  }

  return {
    candidates,
    keywords,
    keywordList: [...keywords],
    firstChars: firstCharTable(candidates),
    joinableRuns: [...joinable],
    candidatesAt(offset) {
      return runsByStart.get(offset) ?? [];
    },
    candidatesWithin(from, to) {
      const within = new Set<string>();
      const withinKeywords = new Set<string>();
      for (const [start, runs] of runsByStart) {
        if (start < from || start >= to) continue;
        for (const run of runs) within.add(run);
        for (const keyword of keywordsByStart.get(start) ?? []) withinKeywords.add(keyword);
      }
      return { candidates: within, keywords: withinKeywords };
    },
  };
}

/**
 * Offsets where a name may begin: identifier starts outside string literals. Starting
 * after any non-start character (not only at token boundaries) over-approximates the
 * tokenizer's positions, which is the safe direction.
 */
function* nameStarts(source: string): Generator<number> {
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \ */) i++;
      else if (ch === 34 /* " */) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    if (isStartChar(ch) && (i === 0 || !isStartChar(source.charCodeAt(i - 1)))) yield i;
  }
}

/** The longest token run the tokenizer could read as one name from `start`. */
function readRun(source: string, start: number): Token[] {
  const tokens: Token[] = [];
  let i = start;
  for (;;) {
    const word = readWord(source, i, tokens.length > 0);
    if (word > i) {
      tokens.push({ text: source.slice(i, word), kind: 'word' });
      i = word;
    } else if (tokens.length > 0 && source.startsWith('**', i)) {
      tokens.push({ text: '**', kind: 'symbol' });
      i += 2;
    } else if (tokens.length > 0 && isAdditionalSymbol(source.charCodeAt(i))) {
      tokens.push({ text: source[i] as string, kind: 'symbol' });
      i += 1;
    } else if (tokens.length > 0 && isSpaceChar(source.charCodeAt(i))) {
      while (isSpaceChar(source.charCodeAt(i))) i++;
      continue;
    } else {
      break;
    }
    if (tokens.length > MAX_RUN_TOKENS) throw new RunTooLongError(`a name run of more than ${MAX_RUN_TOKENS} tokens`);
  }
  return tokens;
}

/** End offset of the identifier word at `i` (== i when there is none). */
function readWord(source: string, i: number, namePart: boolean): number {
  let j = i;
  while (j < source.length) {
    const ch = source.charCodeAt(j);
    if (isStartChar(ch) || ((j > i || namePart) && isPartChar(ch))) j++;
    else break;
  }
  return j;
}

function collectJoinable(tokens: readonly Token[], into: Set<string>): void {
  const isWord = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word' && !KEYWORDS.has(t.text);
  if (!isWord(tokens[0])) return;
  let glued = false;
  let text = tokens[0]!.text;
  for (let k = 1; k < tokens.length; k++) {
    const token = tokens[k]!;
    text = `${text} ${token.text}`;
    if (!isWord(token)) glued = true;
    else if (glued) into.add(text);
  }
}

