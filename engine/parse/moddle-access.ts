import type { ModdleElement } from 'bpmn-moddle';

/**
 * Defensive reads of the moddle tree. The tree of an invalid document can lack anything,
 * so the parser reads through these helpers instead of trusting the shapes.
 */

export function stringProp(element: ModdleElement | undefined, name: string): string | null {
  const value = element?.[name];
  return typeof value === 'string' ? value : null;
}

export function booleanProp(element: ModdleElement | undefined, name: string, fallback: boolean): boolean {
  const value = element?.[name];
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return fallback;
}

export function elementProp(element: ModdleElement | undefined, name: string): ModdleElement | undefined {
  const value = element?.[name];
  return isModdleElement(value) ? value : undefined;
}

export function listProp(element: ModdleElement | undefined, name: string): readonly ModdleElement[] {
  const value = element?.[name];
  return Array.isArray(value) ? value.filter(isModdleElement) : [];
}

/** The body of a `bpmn:FormalExpression` (or a plain `bpmn:Expression`), trimmed; null if empty. */
export function expressionBody(element: ModdleElement | undefined): string | null {
  const body = stringProp(element, 'body')?.trim();
  return body ? body : null;
}

/** The first extension element of the given moddle type (`zeebe:TaskDefinition`, …). */
export function extension(element: ModdleElement | undefined, type: string): ModdleElement | undefined {
  return extensions(element).find((value) => value.$type === type);
}

export function extensions(element: ModdleElement | undefined): readonly ModdleElement[] {
  return listProp(elementProp(element, 'extensionElements'), 'values');
}

/** `bpmn:UserTask` → `userTask`: the name history uses for the activity type. */
export function localName(type: string): string {
  const name = type.slice(type.indexOf(':') + 1);
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export function isModdleElement(value: unknown): value is ModdleElement {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}
