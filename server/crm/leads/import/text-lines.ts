import { TextDecoder } from 'node:util';
import { invalidField } from '../../shared.js';

/** A line this long is not CSV (or has no line breaks we know): the import stops, not the server. */
export const MAX_LINE_CHARS = 1024 * 1024;

export class InputError extends Error {}

/**
 * The decoder for an encoding label (`utf-8`, `windows-1250`, `iso-8859-2`, … — whatever
 * the WHATWG Encoding Standard names; Node ships them with full ICU). Bytes that are invalid
 * in the encoding become U+FFFD, which the row check reports, rather than failing the file.
 * A UTF-8 byte-order mark is dropped.
 */
export function decoderFor(encoding: string): TextDecoder {
  try {
    return new TextDecoder(encoding, { fatal: false });
  } catch {
    throw invalidField('body.encoding', `'${encoding}' is not an encoding we know (e.g. utf-8, windows-1250, windows-1251, iso-8859-2)`);
  }
}

/**
 * The lines of a byte stream, decoded, in batches (one per chunk read: cheaper than a
 * promise per line). Line breaks are \n, \r\n or a lone \r; `progress.bytes` counts what
 * was read. Memory holds one chunk and one unfinished line.
 */
export async function* lineBatches(source: AsyncIterable<Buffer>, decoder: TextDecoder, progress: { bytes: number }): AsyncGenerator<string[]> {
  let rest = '';
  const split = (text: string, final: boolean): string[] => {
    const lines: string[] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const char = text.charCodeAt(i);
      if (char !== 10 && char !== 13) continue;
      if (char === 13 && i === text.length - 1 && !final) break; // a \r\n split across chunks
      lines.push(text.slice(start, i));
      if (char === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_LINE_CHARS) throw new InputError(`a line is longer than ${MAX_LINE_CHARS} characters: is this a CSV file?`);
    return lines;
  };
  for await (const chunk of source) {
    progress.bytes += chunk.length;
    const lines = split(rest + decoder.decode(chunk, { stream: true }), false);
    if (lines.length) yield lines;
  }
  const lines = split(rest + decoder.decode(), true);
  if (rest) lines.push(rest);
  if (lines.length) yield lines;
}
