import type { ValidateFunction } from 'ajv';
import { compileFieldsSchema, schemaErrorFields } from '../customer-types/fields-validator.js';
import { invalidField } from '../shared.js';

/** The top-level keywords a category schema may use: enough to merge schemas down the tree predictably. */
const TOP_LEVEL = new Set(['type', 'properties', 'required', 'additionalProperties', 'title', 'description', '$comment']);

export interface CategorySchemaSource {
  readonly key: string;
  readonly fieldsSchema: Record<string, unknown>;
}

export type FieldsSchema = {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required: string[];
  additionalProperties: boolean;
};

/**
 * Refuses (400 on `field`) an own schema that cannot be merged down the tree: not an object
 * schema, a keyword other than TOP_LEVEL (an `allOf` or `if` at the top would not merge), a
 * non-boolean additionalProperties, or one that ajv does not compile.
 */
export function checkOwnSchema(schema: Record<string, unknown>, field: string): void {
  for (const keyword of Object.keys(schema)) {
    if (!TOP_LEVEL.has(keyword)) throw invalidField(`${field}.${keyword}`, `is not supported at the top of a category schema (use ${[...TOP_LEVEL].join(', ')}; nest anything else inside a property)`);
  }
  if (schema.additionalProperties !== undefined && typeof schema.additionalProperties !== 'boolean') {
    throw invalidField(`${field}.additionalProperties`, 'must be true or false in a category schema');
  }
  compileFieldsSchema(schema, field);
}

/**
 * Merges a category's own schema with its ancestors' (`chain`: root first, the category
 * last). Fields are inherited and added, never redefined (a redefinition would silently
 * change what the parent promised its other subcategories); `required` accumulates, and one
 * `additionalProperties: false` on the way closes the attributes for the whole subtree.
 * `field` names the place a redefinition is reported at (the own schema being saved).
 */
export function mergeChain(chain: readonly CategorySchemaSource[], field: string): FieldsSchema {
  const merged: FieldsSchema = { type: 'object', properties: {}, required: [], additionalProperties: true };
  const definedBy = new Map<string, string>();
  for (const category of chain) {
    const own = category.fieldsSchema;
    for (const [name, property] of Object.entries((own.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      const owner = definedBy.get(name);
      if (owner !== undefined) throw invalidField(`${field}.properties.${name}`, `is already defined by category '${owner}' (subcategories add fields, they do not redefine them)`);
      definedBy.set(name, category.key);
      merged.properties[name] = property;
    }
    for (const name of (own.required ?? []) as string[]) if (!merged.required.includes(name)) merged.required.push(name);
    if (own.additionalProperties === false) merged.additionalProperties = false;
  }
  return merged;
}

/** Compiled effective schemas by their JSON: a schema compiles once however many categories share it. */
const compiled = new Map<string, ValidateFunction>();
const MAX_CACHED = 1000;

function validatorOf(schema: FieldsSchema, field = 'category schema'): ValidateFunction {
  const text = JSON.stringify(schema);
  let validate = compiled.get(text);
  if (!validate) {
    if (compiled.size >= MAX_CACHED) compiled.clear();
    validate = compileFieldsSchema(schema, field);
    compiled.set(text, validate);
  }
  return validate;
}

/** Compiles a merged schema, reporting a failure at `field` (400): checks a save before it lands. */
export function checkMergedSchema(schema: FieldsSchema, field: string): void {
  validatorOf(schema, field);
}

/** The `{field, message}` failures of `attributes` against `schema`, under `base` (none: valid). */
export function attributeErrors(schema: FieldsSchema, attributes: Record<string, unknown>, base: string): Array<{ field: string; message: string }> {
  const validate = validatorOf(schema);
  return validate(attributes) ? [] : schemaErrorFields(validate.errors ?? [], base);
}

/** Without a category, attributes are a flat bag of scalars (as customers' untyped custom fields). */
export function scalarAttributeErrors(attributes: Record<string, unknown>, base: string): Array<{ field: string; message: string }> {
  return Object.entries(attributes)
    .filter(([, value]) => !(value === null || ['number', 'boolean'].includes(typeof value) || (typeof value === 'string' && value.length <= 2000)))
    .map(([key]) => ({ field: `${base}.${key}`, message: 'must be a string (up to 2000 characters), number, boolean or null' }));
}
