/** Values the instance state may hold: exactly what survives JSON.stringify/parse (and jsonb). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export type JsonObject = { readonly [key: string]: JsonValue };

/**
 * Bring a value from an expression or a caller into JSON shape: FEEL's temporal values
 * become their ISO strings (via toJSON), functions and undefined become null, non-finite
 * numbers null. Plain data is returned as is, without copying.
 */
export function toJsonValue(value: unknown): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      return value === null ? null : objectToJson(value);
    default:
      return null;
  }
}

function objectToJson(value: object): JsonValue {
  if (Array.isArray(value)) {
    return value.every(isPlainLeaf) ? (value as JsonValue[]) : value.map(toJsonValue);
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    const json = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : String(value);
    return json === value ? String(value) : toJsonValue(json);
  }
  const entries = Object.entries(value);
  if (entries.every(([, entry]) => isPlainLeaf(entry))) return value as JsonObject;
  const out: Record<string, JsonValue> = {};
  for (const [key, entry] of entries) out[key] = toJsonValue(entry);
  return out;
}

function isPlainLeaf(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** A plain object (not an array, not null): what variables documents must be. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
