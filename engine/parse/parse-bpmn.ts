import { feelLanguage } from '../expressions/feel-language.js';
import type { ExecutableDefinitions } from '../model/index.js';
import type { ExpressionLanguage } from '../ports/expression-language.js';
import { readBpmn } from './bpmn-reader.js';
import { freezeModel } from './freeze-model.js';
import { scanModel, type ModelScan } from './model-scan.js';
import { stringProp } from './moddle-access.js';
import { problem, type ParseProblem, type ParseResult } from './parse-problem.js';
import { transformProcess } from './transformers/transform-process.js';
import { TransformContext } from './transformers/transform-context.js';
import { CHECKS } from './validate/index.js';

export interface ParseOptions {
  /** The language conditions and mappings are compiled with; FEEL by default. */
  readonly expressions?: ExpressionLanguage;
}

/**
 * Parse BPMN 2.0 XML (Camunda 8 dialect) into frozen executable definitions, or into
 * every problem that prevents running it. Never throws: unreadable input is a problem
 * with a null element id.
 *
 * Life cycle: called once per deployment; the result is shared by every instance of
 * every process in the resource.
 */
export async function parseBpmn(xml: string, options: ParseOptions = {}): Promise<ParseResult> {
  try {
    const read = await readBpmn(xml);
    if (!read.ok) return { ok: false, problems: [problem(null, read.message)] };
    const scan = scanModel(xml, read.result);
    const problems = runChecks(scan);
    const ctx = new TransformContext(options.expressions ?? feelLanguage);
    const processes = scan.processes.map((process) => transformProcess(process, ctx));
    problems.push(...ctx.problems);
    if (problems.length > 0) return { ok: false, problems: unique(problems) };
    const definitions: ExecutableDefinitions = {
      kind: 'definitions',
      id: stringProp(scan.definitions, 'id'),
      processes: Object.fromEntries(processes.map((process) => [process.key, process])),
      processKeys: processes.map((process) => process.key),
    };
    return { ok: true, definitions: freezeModel(definitions) };
  } catch (error) {
    return { ok: false, problems: [problem(null, `Expected the model to be parsed, but parsing failed: ${reason(error)}`)] };
  }
}

function runChecks(scan: ModelScan): ParseProblem[] {
  const problems: ParseProblem[] = [];
  if (scan.processes.length === 0) {
    problems.push(problem(null, 'Expected at least one executable bpmn:process, but found none'));
  }
  for (const check of CHECKS) {
    try {
      problems.push(...check(scan));
    } catch (error) {
      problems.push(problem(null, `Expected the ${check.name} rule to run, but it failed: ${reason(error)}`));
    }
  }
  return problems;
}

function unique(problems: readonly ParseProblem[]): ParseProblem[] {
  const seen = new Set<string>();
  return problems.filter((entry) => {
    const key = `${entry.elementId}\u0000${entry.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
