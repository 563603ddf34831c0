/**
 * Deep-freeze the executable model. Compiled expressions are left alone: they belong to
 * the expression language, which may keep caches inside them.
 */
export function freezeModel<T>(value: T): T {
  freeze(value, new Set());
  return value;
}

function freeze(value: unknown, seen: Set<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (typeof (value as { evaluate?: unknown }).evaluate === 'function') return;
  for (const child of Object.values(value)) freeze(child, seen);
  Object.freeze(value);
}
