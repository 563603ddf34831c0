import type { ModdleWarning } from 'bpmn-moddle';
import type { ModelScan } from '../model-scan.js';
import { problem, type ParseProblem } from '../parse-problem.js';

/**
 * What bpmn-moddle recovered from becomes a problem: unknown elements, duplicate ids and
 * unresolved references. References of sequence flows are left to the sequence-flow
 * check, which words them as "flow to nowhere".
 */
export function checkReaderWarnings(scan: ModelScan): readonly ParseProblem[] {
  const problems: ParseProblem[] = [];
  for (const warning of scan.warnings) {
    const found = describe(warning, scan.xml);
    if (found) problems.push(found);
  }
  return problems;
}

function describe(warning: ModdleWarning, xml: string): ParseProblem | null {
  const message = warning.message;
  const duplicate = /duplicate ID <([^>]*)>/.exec(message);
  if (duplicate) {
    return problem(duplicate[1], `Expected element ids to be unique, but '${duplicate[1]}' is used more than once`);
  }
  const unknown = /unparsable content <([^>]+)> detected/.exec(message);
  if (unknown) {
    const at = position(message);
    const id = at ? idAt(xml, at.line, at.column) : null;
    const where = id ? `'${id}'` : `<${unknown[1]}>${at ? ` at line ${at.line + 1}` : ''}`;
    return problem(id, `Expected a known BPMN element, but ${where} is not one (${nested(message)})`);
  }
  if (message.startsWith('unresolved reference')) {
    if (isFlowEnd(warning)) return null;
    const owner = warning.element?.id ?? null;
    const property = (warning.property ?? 'reference').replace(/^.*:/, '');
    return problem(owner, `Expected ${property} of '${owner}' to name an existing element, but '${String(warning.value)}' does not exist`);
  }
  return problem(warning.element?.id, `Expected well-formed BPMN, but ${message.split('\n')[0]}`);
}

function isFlowEnd(warning: ModdleWarning): boolean {
  return warning.element?.$type === 'bpmn:SequenceFlow' && (warning.property === 'bpmn:sourceRef' || warning.property === 'bpmn:targetRef');
}

function position(message: string): { line: number; column: number } | null {
  const line = /line: (\d+)/.exec(message);
  const column = /column: (\d+)/.exec(message);
  return line && column ? { line: Number(line[1]), column: Number(column[1]) } : null;
}

function nested(message: string): string {
  return /nested error: (.*)/.exec(message)?.[1]?.trim() ?? 'unreadable';
}

/** The id attribute of the tag that starts at a (0-based) line and column, if any. */
function idAt(xml: string, line: number, column: number): string | null {
  const text = xml.split(/\r?\n/)[line]?.slice(column) ?? '';
  return /^<[^>]*?\sid="([^"]*)"/.exec(text)?.[1] ?? null;
}
