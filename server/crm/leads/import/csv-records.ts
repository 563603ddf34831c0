/**
 * A forgiving CSV record reader (RFC 4180 quoting) fed line by line, so an import streams:
 * memory holds one record at most. Unlike a strict parser it recovers from broken rows —
 * an unclosed quote would otherwise swallow the rest of the file into one cell: a quoted
 * cell may span at most MAX_RECORD_LINES lines / MAX_RECORD_CHARS characters; past that (or
 * at the end of the file) the record's first line is reported and reading resumes at the
 * line after it. A quote inside an unquoted cell is kept as text (as spreadsheets write it).
 *
 * `row` counts records the way a spreadsheet numbers rows (the header is row 1; blank lines
 * count but yield nothing); `line` is the file line the record starts on.
 */
export type CsvRecord =
  | { readonly row: number; readonly line: number; readonly fields: string[] }
  | { readonly row: number; readonly line: number; readonly problem: 'unclosed_quote' | 'bad_quote'; readonly message: string; readonly raw: string };

const MAX_RECORD_LINES = 50;
const MAX_RECORD_CHARS = 32 * 1024;

type Parsed = { fields: string[] } | { open: true } | { bad: string };

export class CsvRecordReader {
  private lineNo = 0;
  private row = 0;
  private pending: Array<{ text: string; line: number }> = [];
  private pendingChars = 0;
  /** The header's column count, once known: a multi-line record of another width is a stray quote. */
  width: number | undefined;

  constructor(private readonly delimiter: string) {}

  /** The records completed by one more physical line (without its line break). */
  push(line: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.feed(line, ++this.lineNo, out);
    return out;
  }

  /** The end of the file: a record still open is reported, the lines after its first re-read. */
  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    while (this.pending.length) this.abandon(out);
    return out;
  }

  private feed(text: string, line: number, out: CsvRecord[]): void {
    if (!this.pending.length && !text.includes('"')) {
      this.row++;
      if (text !== '') out.push({ row: this.row, line, fields: text.split(this.delimiter) });
      return;
    }
    this.pending.push({ text, line });
    this.pendingChars += text.length + 1;
    const joined = this.pending.map((p) => p.text).join('\n');
    const parsed = parseRecord(joined, this.delimiter);
    if ('open' in parsed) {
      if (this.pending.length >= MAX_RECORD_LINES || this.pendingChars >= MAX_RECORD_CHARS) this.abandon(out);
      return;
    }
    // Spanning lines but malformed, or of the wrong width: far likelier a stray quote on the
    // first line than a cell with line breaks — report that line, re-read the others.
    const multiLine = this.pending.length > 1;
    if (multiLine && ('bad' in parsed || (this.width !== undefined && parsed.fields.length !== this.width))) {
      this.abandon(out);
      return;
    }
    const start = this.pending[0]!.line;
    this.pending = [];
    this.pendingChars = 0;
    this.row++;
    if ('bad' in parsed) out.push({ row: this.row, line: start, problem: 'bad_quote', message: parsed.bad, raw: joined });
    else out.push({ row: this.row, line: start, fields: parsed.fields });
  }

  /** Reports the open record's first line and re-reads the lines after it as new records. */
  private abandon(out: CsvRecord[]): void {
    const [first, ...rest] = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    this.row++;
    out.push({ row: this.row, line: first!.line, problem: 'unclosed_quote', message: 'a quoted cell is never closed (a stray " ?): the row was skipped', raw: first!.text });
    for (const next of rest) this.feed(next.text, next.line, out);
  }
}

/** One record's cells, or `open` (a quoted cell runs on past the text), or what is malformed. */
function parseRecord(text: string, delimiter: string): Parsed {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const quote = text.indexOf('"', j);
        if (quote === -1) return { open: true };
        if (text[quote + 1] === '"') {
          value += text.slice(j, quote + 1);
          j = quote + 2;
          continue;
        }
        value += text.slice(j, quote);
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === text.length) return { fields };
      if (!text.startsWith(delimiter, i)) return { bad: `unexpected text after the closing quote of column ${fields.length}` };
      i += delimiter.length;
    } else {
      const next = text.indexOf(delimiter, i);
      if (next === -1) {
        fields.push(text.slice(i));
        return { fields };
      }
      fields.push(text.slice(i, next));
      i = next + delimiter.length;
    }
    if (i === text.length) {
      fields.push('');
      return { fields };
    }
  }
}

/** The delimiter a header line uses most, outside quotes: `,` `;` or tab (`,` when none). */
export function sniffDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  return [...counts.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}
