/**
 * Character classes and key normalisation of FEEL names, as feelin's tokenizer
 * (lezer-feel) applies them. Everything the compiler decides about "could this
 * variable name change how the source is read?" rests on these definitions, so they
 * follow the FEEL grammar's NameStartChar / NamePartChar productions and lezer-feel's
 * context-key normalisation exactly.
 */

/** FEEL NameStartChar (plus `?`, which FEEL treats as a name start). */
export function isStartChar(ch: number): boolean {
  return (
    ch === 63 || // ?
    (ch >= 65 && ch <= 90) || // A-Z
    ch === 95 || // _
    (ch >= 97 && ch <= 122) || // a-z
    (ch >= 0xc0 && ch <= 0xd6) ||
    (ch >= 0xd8 && ch <= 0xf6) ||
    (ch >= 0xf8 && ch <= 0x2ff) ||
    (ch >= 0x370 && ch <= 0x37d) ||
    (ch >= 0x37f && ch <= 0x1fff) ||
    (ch >= 0x200c && ch <= 0x200d) ||
    (ch >= 0x2070 && ch <= 0x218f) ||
    (ch >= 0x2c00 && ch <= 0x2fef) ||
    (ch >= 0x3001 && ch <= 0xd7ff) ||
    (ch >= 0xf900 && ch <= 0xfdcf) ||
    (ch >= 0xfdf0 && ch <= 0xfffd) ||
    (ch >= 0xd800 && ch <= 0xdfff) // surrogate halves: the tokenizer works on UTF-16 units
  );
}

/** FEEL NamePartChar beyond the start characters (digits and combining marks). */
export function isPartChar(ch: number): boolean {
  return (ch >= 48 && ch <= 57) || ch === 0xb7 || (ch >= 0x300 && ch <= 0x36f) || (ch >= 0x203f && ch <= 0x2040);
}

/** The characters the tokenizer accepts between the parts of a multi-word name. */
const SPACE_CHARS = new Set([9, 11, 12, 32, 133, 160, 5760, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8232, 8233, 8239, 8287, 12288]);

export function isSpaceChar(ch: number): boolean {
  return SPACE_CHARS.has(ch);
}

/** Symbols that may glue name parts together when a variable of that name exists (`order-id`, `a.b`). */
const ADDITIONAL_SYMBOLS = new Set(["'", '.', '/', '-', '+', '*', '^'].map((c) => c.charCodeAt(0)));

export function isAdditionalSymbol(ch: number): boolean {
  return ADDITIONAL_SYMBOLS.has(ch);
}

/**
 * Words the FEEL grammar specialises into keywords. A variable with one of these names
 * changes the parse (the tokenizer then reads it as a name), so the compiler treats
 * them like multi-word names: their presence is checked before the compiled form runs.
 */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'for', 'in', 'return', 'if', 'then', 'else', 'some', 'every', 'satisfies', 'or', 'and', 'between',
  'instance', 'of', 'days', 'time', 'duration', 'years', 'months', 'date', 'list', 'context',
  'function', 'null', 'true', 'false', '?', 'external', 'not',
]);

/**
 * A key that is one identifier token (`amount`, `dealStage`, `größe`): its normalised form
 * is itself and it can never glue several tokens into one name. Checked with a char loop
 * because it runs for every variable key on every evaluation.
 */
export function isPlainIdentifier(key: string): boolean {
  const length = key.length;
  if (length === 0) return false;
  for (let i = 0; i < length; i++) {
    const ch = key.charCodeAt(i);
    // ASCII letters, digits and underscore first: the overwhelmingly common case
    if ((ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || ch === 95) continue;
    if (ch >= 48 && ch <= 57) {
      if (i === 0) return false;
      continue;
    }
    if (ch < 128 && ch !== 63) return false;
    if (isStartChar(ch) || (i > 0 && isPartChar(ch))) continue;
    return false;
  }
  return true;
}

/**
 * lezer-feel's normalisation of context keys and names: symbols get one space on each
 * side, runs of whitespace collapse to one space, the ends are trimmed. Two spellings
 * denote the same FEEL name exactly when their normalised forms are equal.
 */
export function normalizeName(name: string): string {
  return name
    .replace(/\s*([./\-'+]|\*\*?)\s*/g, ' $1 ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/**
 * Whether a normalised multi-word name consists only of identifier words, none of them a
 * keyword (`order total`, not `terms and conditions`, not `order - total`). The grammar
 * already joins adjacent identifier words into one name, so a variable spelled like that
 * cannot change the parse.
 */
export function isPureWords(normalized: string): boolean {
  for (const word of normalized.split(' ')) {
    if (!isPlainIdentifier(word) || KEYWORDS.has(word)) return false;
  }
  return true;
}

/**
 * For ASCII codes: 1 when a key starting with that character could normalise to one of
 * `names` (their first characters, plus whitespace, which normalisation trims). Non-ASCII
 * first characters are always checked in full.
 */
export function firstCharTable(names: Iterable<string>): Uint8Array {
  const table = new Uint8Array(128);
  for (const ch of [9, 10, 11, 12, 13, 32]) table[ch] = 1;
  for (const name of names) {
    const ch = name.charCodeAt(0);
    if (ch < 128) table[ch] = 1;
  }
  return table;
}
