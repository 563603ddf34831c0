/** The plain variables editor's rows and how they become a variables object. */

export interface VariableRow {
  /** Stable per row (for keys and label ids). */
  id: number;
  name: string;
  value: string;
}

let nextRowId = 1;

export function emptyRow(): VariableRow {
  return { id: nextRowId++, name: '', value: '' };
}

/** A typed value: JSON when it parses (numbers, booleans, null, objects, arrays, quoted strings), else the text itself. */
export function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return text;
  }
}

/**
 * The variables object from the rows (rows without name and value are skipped), or the
 * problems: a value without a name, a name used twice.
 */
export function rowsToVariables(rows: readonly VariableRow[]): { variables: Record<string, unknown>; problems: string[] } {
  const variables: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const row of rows) {
    const name = row.name.trim();
    if (name === '') {
      if (row.value.trim() !== '') problems.push(`The value "${row.value}" has no name.`);
      continue;
    }
    if (Object.hasOwn(variables, name)) problems.push(`The variable "${name}" is given twice.`);
    variables[name] = parseValue(row.value);
  }
  return { variables, problems };
}
