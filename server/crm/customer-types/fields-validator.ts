import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { AppError } from '../../errors.js';
import { invalidField } from '../shared.js';
import type { CustomerTypeRow } from './customer-type.table.js';

/**
 * Compiles and caches the custom-field schemas of customer types. A private ajv: strict
 * (an admin's typo in a schema is refused, not ignored), all errors reported, and no type
 * coercion — custom fields are stored exactly as sent.
 */
const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true, coerceTypes: false, useDefaults: false, validateFormats: false });
const cache = new Map<string, { stamp: number; validate: ValidateFunction }>();

/** Refuses (400 on `field`) a schema that does not compile or does not describe an object. */
export function compileFieldsSchema(schema: Record<string, unknown>, field: string): ValidateFunction {
  if (schema.type !== 'object') throw invalidField(field, "must be a JSON Schema with type 'object'");
  if ('$id' in schema || '$async' in schema) throw invalidField(field, 'must not carry $id or $async');
  try {
    return ajv.compile(schema);
  } catch (error) {
    throw invalidField(field, `is not a valid JSON Schema: ${(error as Error).message}`);
  }
}

/** Checks `customFields` against the type's schema; every failure is named `body.customFields/…`. */
export function checkCustomFields(type: CustomerTypeRow, customFields: Record<string, unknown>): void {
  const stamp = type.updated_at.getTime();
  let entry = cache.get(type.id);
  if (!entry || entry.stamp !== stamp) {
    entry = { stamp, validate: compileFieldsSchema(type.fields_schema, 'customer type') };
    cache.set(type.id, entry);
  }
  if (entry.validate(customFields)) return;
  const fields = schemaErrorFields(entry.validate.errors ?? [], 'body.customFields');
  throw new AppError('SRV_ERR_VALIDATION', `body.customFields breaks the schema of customer type '${type.key}'`, { fields });
}

/**
 * ajv's errors as `{field, message}` under `base` (e.g. `body.attributes.size`): the field
 * named is the one at fault, so a missing or unexpected property names that property.
 * Shared with product attributes (product-categories/), whose schemas compile here too.
 */
export function schemaErrorFields(errors: readonly ErrorObject[], base: string): Array<{ field: string; message: string }> {
  return errors.map((e) => {
    const parts = [base, ...e.instancePath.split('/').filter(Boolean)];
    if (typeof e.params.missingProperty === 'string') parts.push(e.params.missingProperty);
    if (typeof e.params.additionalProperty === 'string') parts.push(e.params.additionalProperty);
    return { field: parts.join('.'), message: e.message ?? 'is invalid' };
  });
}
