import { fullFormats } from 'ajv-formats/dist/formats.js';
import { normaliseIdentifier } from '../customers/customer-identifiers.js';

/**
 * The content of a lead, as the API and the CSV import both give it, and the one set of
 * rules both apply (an imported row passes exactly when the same values typed in would).
 */
export interface LeadValues {
  personName: string | null;
  companyName: string | null;
  email: string | null;
  phone: string | null;
  purpose: string | null;
  notes: string | null;
  productsOfInterest: string[];
  sourceDetail: string | null;
  customData: Record<string, string | number | boolean | null>;
}

/** One broken rule: which field, a stable problem code, and a sentence for people. */
export interface FieldProblem {
  readonly field: string | null;
  readonly problem: string;
  readonly message: string;
}

export const LIMITS = { name: 200, email: 254, purpose: 1000, notes: 2000, sourceDetail: 200, product: 100, products: 50, customKeys: 50, customValue: 2000 } as const;
/** The same e-mail check as the schemas' `format: email` (ajv-formats, full mode). */
const EMAIL = fullFormats.email as RegExp;
/** The customers' phone shape: digits with the usual separators, optionally a leading +. */
export const PHONE_PATTERN = '^\\+?[0-9 ()./-]{3,30}$';
const PHONE = new RegExp(PHONE_PATTERN);
/** The customers' custom-field key shape, so custom data carries over on conversion as is. */
export const CUSTOM_KEY_PATTERN = '^[A-Za-z][A-Za-z0-9_]{0,49}$';
const CUSTOM_KEY = new RegExp(CUSTOM_KEY_PATTERN);

export function emptyLeadValues(): LeadValues {
  return { personName: null, companyName: null, email: null, phone: null, purpose: null, notes: null, productsOfInterest: [], sourceDetail: null, customData: {} };
}

/** Trimmed text, `null` for blank: what a CSV cell or a JSON string means. */
export function cleanText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** "crm, erp; hosting" → ["crm", "erp", "hosting"]: one cell may list several products. */
export function splitProducts(cell: string): string[] {
  return [...new Set(cell.split(/[,;|\n]/).map((p) => p.trim()).filter(Boolean))];
}

/** Every broken rule of `values` (empty: valid). A lead needs a name and a way to reach them. */
export function checkLeadValues(values: LeadValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string | null, problem: string, message: string) => problems.push({ field, problem, message });
  const tooLong = (field: keyof LeadValues, max: number) => {
    const value = values[field];
    if (typeof value === 'string' && value.length > max) add(field, 'too_long', `is ${value.length} characters long; at most ${max} are allowed`);
  };
  if (!values.personName && !values.companyName) add('personName', 'required', 'a lead needs a person name or a company name');
  if (!values.email && !values.phone) add('email', 'required', 'a lead needs an e-mail or a phone number');
  if (values.email && !EMAIL.test(values.email)) add('email', 'invalid_email', `'${clip(values.email)}' is not an e-mail address`);
  if (values.phone && !PHONE.test(values.phone)) add('phone', 'invalid_phone', `'${clip(values.phone)}' is not a phone number (digits, spaces, + ( ) . / -; 3 to 30 characters)`);
  tooLong('personName', LIMITS.name);
  tooLong('companyName', LIMITS.name);
  tooLong('email', LIMITS.email);
  tooLong('purpose', LIMITS.purpose);
  tooLong('notes', LIMITS.notes);
  tooLong('sourceDetail', LIMITS.sourceDetail);
  if (values.productsOfInterest.length > LIMITS.products) add('productsOfInterest', 'too_many', `lists ${values.productsOfInterest.length} products; at most ${LIMITS.products} are allowed`);
  const longProduct = values.productsOfInterest.find((p) => p.length > LIMITS.product);
  if (longProduct) add('productsOfInterest', 'too_long', `'${clip(longProduct)}' is longer than ${LIMITS.product} characters`);
  const keys = Object.keys(values.customData);
  if (keys.length > LIMITS.customKeys) add('customData', 'too_many', `has ${keys.length} keys; at most ${LIMITS.customKeys} are allowed`);
  for (const key of keys) {
    const value = values.customData[key];
    if (!CUSTOM_KEY.test(key)) add(`customData.${key}`, 'invalid_key', 'keys start with a letter and hold letters, digits and _ (up to 50)');
    else if (typeof value === 'string' && value.length > LIMITS.customValue) add(`customData.${key}`, 'too_long', `is longer than ${LIMITS.customValue} characters`);
    else if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) add(`customData.${key}`, 'invalid', 'must be a string, number, boolean or null');
  }
  return problems;
}

/** The comparable forms kept beside what was typed: for search and duplicate checks. */
export function normalisedContacts(values: Pick<LeadValues, 'email' | 'phone'>): { email: string | null; phone: string | null } {
  return {
    email: values.email ? normaliseIdentifier('email', values.email) : null,
    phone: values.phone ? normaliseIdentifier('phone', values.phone) || null : null,
  };
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
