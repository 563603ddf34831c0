import path from 'node:path';
import t from 'tap';
import { checkTree } from '../../scripts/architecture/check-tree.js';
import { checkFile } from '../../scripts/architecture/import-rules.js';

t.test('should find no dependency violation in the repository', async (t) => {
  const violations = await checkTree(path.resolve(import.meta.dirname, '../..'));
  t.same(violations, [], violations.map((v) => `${v.file}: ${v.message}`).join('\n'));
});

t.test('should catch each kind of violation', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['engine/runtime/x.ts', "import { sql } from 'kysely';", 'pure-core'],
    ['engine/runtime/x.ts', "import { readFile } from 'node:fs/promises';", 'pure-core'],
    ['engine/state/x.ts', 'const t = Date.now();', 'deterministic-core'],
    ['engine/runtime/x.ts', 'const t = new Date();', 'deterministic-core'],
    ['engine/runtime/x.ts', 'const id = Math.random();', 'deterministic-core'],
    ['engine/model/x.ts', "setTimeout(() => 1, 5);", 'deterministic-core'],
    ['engine/model/x.ts', "import { parse } from '../parse/parse-bpmn.js';", 'engine-layers'],
    ['engine/runtime/x.ts', "import { parseBpmn } from '../parse/parse-bpmn.js';", 'engine-layers'],
    ['engine/parse/x.ts', "import { app } from '../../server/app.js';", 'engine-self-contained'],
    ['engine/runtime/x.ts', "import { store } from '../adapters/postgres/store.js';", 'adapters-are-leaves'],
    ['server/workflow/x.ts', "import { processCommand } from '../../engine/runtime/process-command.js';", 'engine-public-api'],
    ['server/x.ts', "import { helper } from '../test/helpers/test-app.js';", 'tests-one-way'],
    ['ui/src/x.ts', "import { buildApp } from '../../server/app.js';", 'ui-over-http'],
    ['forms/x.ts', "import { parseBpmn } from '../engine/index.js';", 'data-free-of-engine'],
    ['server/x.ts', 'const f = new Function("return 1");', 'no-dynamic-code'],
    ['engine/expressions/x.ts', "import vm from 'node:vm';", 'no-dynamic-code'],
    ['server/x.ts', 'export const load = () => import("../engine/parse/parse-bpmn.js");', 'engine-public-api'],
  ];
  for (const [file, source, rule] of cases) {
    t.same(checkFile(file, source).map((v) => v.rule), [rule], `${file}: ${source}`);
  }
});

t.test('should allow what the rules allow', async (t) => {
  const allowed: Array<[string, string]> = [
    ['server/workflow/x.ts', "import { parseBpmn } from '../../engine/index.js';"],
    ['engine/model/x.ts', "import type { CompiledExpression } from '../ports/expression-language.js';"],
    ['engine/runtime/x.ts', 'const at = new Date(command.now); // not Date.now() here'],
    ['engine/index.ts', "export { createMemoryEngine } from './adapters/memory/memory-engine.js';"],
    ['ui/src/x.ts', "import type { UserDto } from '../../server/contracts/user.js';"],
    ['test/x.test.ts', "import { buildApp } from '../server/app.js';"],
  ];
  for (const [file, source] of allowed) t.same(checkFile(file, source), [], `${file}: ${source}`);
});
