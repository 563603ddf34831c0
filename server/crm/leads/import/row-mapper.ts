import { createHash } from 'node:crypto';
import { invalidField } from '../../shared.js';
import { checkLeadValues, cleanText, CUSTOM_KEY_PATTERN, emptyLeadValues, normalisedContacts, splitProducts, type FieldProblem, type LeadValues } from '../lead-fields.js';

/** The lead fields a CSV column can fill; `customData.<key>` fills one custom-data key. */
export const MAPPABLE_FIELDS = ['personName', 'companyName', 'email', 'phone', 'purpose', 'notes', 'productsOfInterest', 'sourceDetail'] as const;
type TextField = Exclude<(typeof MAPPABLE_FIELDS)[number], 'productsOfInterest'>;
const CUSTOM = new RegExp(`^customData\\.(${CUSTOM_KEY_PATTERN.slice(1, -1)})$`);

/** The mapping bound to the file's header: which cell fills which field. */
export interface BoundMapping {
  readonly width: number;
  readonly cells: ReadonlyArray<{ readonly index: number; readonly column: string; readonly target: string }>;
}

/** `{csvColumn → lead field}` as sent (a JSON object), checked: a 400 names the bad entry. */
export function parseMapping(text: string | undefined): Record<string, string> {
  if (!text) throw invalidField('body.mapping', 'is required: a JSON object {"CSV column": "lead field"}');
  let mapping: unknown;
  try {
    mapping = JSON.parse(text);
  } catch {
    throw invalidField('body.mapping', 'is not valid JSON');
  }
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) throw invalidField('body.mapping', 'must be a JSON object {"CSV column": "lead field"}');
  const entries = Object.entries(mapping);
  const targets = new Set<string>();
  for (const [column, target] of entries) {
    const valid = typeof target === 'string' && ((MAPPABLE_FIELDS as readonly string[]).includes(target) || CUSTOM.test(target));
    if (!valid) throw invalidField(`body.mapping.${column}`, `must name a lead field (${MAPPABLE_FIELDS.join(', ')}, or customData.<key>)`);
    if (targets.has(target)) throw invalidField(`body.mapping.${column}`, `maps to '${target}', which another column fills already`);
    targets.add(target);
  }
  if (!targets.has('personName') && !targets.has('companyName')) throw invalidField('body.mapping', 'must map a column to personName or companyName');
  if (!targets.has('email') && !targets.has('phone')) throw invalidField('body.mapping', 'must map a column to email or phone');
  return mapping as Record<string, string>;
}

/** Finds each mapped column in the header (exact, else ignoring case and spaces around). */
export function bindMapping(mapping: Record<string, string>, header: string[]): BoundMapping {
  const names = header.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const cells = Object.entries(mapping).map(([column, target]) => {
    let index = names.indexOf(column.trim());
    if (index === -1) index = names.findIndex((n) => n.toLowerCase() === column.trim().toLowerCase());
    if (index === -1) throw invalidField(`body.mapping.${column}`, `names no column of the file's header (${names.map((n) => `'${n}'`).join(', ')})`);
    return { index, column: names[index]!, target };
  });
  return { width: header.length, cells };
}

export type MappedRow = { values: LeadValues; fingerprint: string } | { problems: FieldProblem[] };

/**
 * One data record → the lead's values and fingerprint, or every problem of the row: a wrong
 * column count, undecodable bytes (U+FFFD: the file is not in the chosen encoding), and the
 * lead rules (lead-fields.ts). Problems name the lead field the column fills.
 */
export function mapRecord(mapping: BoundMapping, fields: string[], encoding: string): MappedRow {
  if (fields.length !== mapping.width) {
    return { problems: [{ field: null, problem: 'column_count', message: `expected ${mapping.width} columns (as in the header), found ${fields.length}` }] };
  }
  const values = emptyLeadValues();
  const problems: FieldProblem[] = [];
  for (const { index, column, target } of mapping.cells) {
    const cell = fields[index]!;
    if (cell.includes('\uFFFD')) {
      problems.push({ field: target, problem: 'encoding', message: `column '${column}' holds bytes that are not ${encoding}: send the file's encoding (e.g. windows-1250)` });
      continue;
    }
    const custom = CUSTOM.exec(target);
    if (custom) values.customData[custom[1]!] = cleanText(cell);
    else if (target === 'productsOfInterest') values.productsOfInterest = splitProducts(cell);
    else values[target as TextField] = cleanText(cell);
  }
  if (problems.length) return { problems };
  const broken = checkLeadValues(values);
  return broken.length ? { problems: broken } : { values, fingerprint: fingerprintOf(values) };
}

/**
 * A stable identity of an imported row: a hash of its normalised values (case, spacing,
 * e-mail/phone forms, product and custom-data order do not matter), unique over all imports.
 */
export function fingerprintOf(values: LeadValues): string {
  const fold = (text: string | null) => text?.toLowerCase().replace(/\s+/g, ' ') ?? null;
  const contacts = normalisedContacts(values);
  const canonical = [
    fold(values.personName),
    fold(values.companyName),
    contacts.email,
    contacts.phone,
    fold(values.purpose),
    fold(values.notes),
    values.productsOfInterest.map(fold).sort(),
    fold(values.sourceDetail),
    Object.entries(values.customData).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, typeof v === 'string' ? fold(v) : v]),
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 32);
}
