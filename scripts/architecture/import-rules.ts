import path from 'node:path';
import ts from 'typescript';

/**
 * The dependency rules of STYLE.md, checked on import specifiers (static, dynamic and
 * re-exports, found by TypeScript's own pre-processor) and on a few banned globals.
 * Paths are relative to the repository root with forward slashes.
 */
export interface Violation {
  readonly file: string;
  readonly rule: string;
  readonly message: string;
}

const PURE_CORE = ['engine/model/', 'engine/state/', 'engine/runtime/'];
const IMPURE_PACKAGES = /^(kysely|pg|fastify|@fastify\/.*|ws|node:.*|fs|path|os|crypto|child_process|http|https|net|timers|worker_threads)(\/.*)?$/;
const NONDETERMINISTIC = [
  { pattern: /\bDate\.now\s*\(/, what: 'Date.now()' },
  { pattern: /\bnew Date\s*\(\s*\)/, what: 'new Date() without an argument' },
  { pattern: /\bMath\.random\s*\(/, what: 'Math.random()' },
  { pattern: /\bset(Timeout|Interval|Immediate)\s*\(/, what: 'timers' },
];
const PRODUCT = ['engine/', 'server/', 'processes/', 'forms/', 'rules/', 'ui/', 'modeler/'];
const DYNAMIC_CODE = /\beval\s*\(|\bnew Function\s*\(|['"]node:vm['"]|['"]vm['"]/;

export function checkFile(file: string, source: string): Violation[] {
  const violations: Violation[] = [];
  const report = (rule: string, message: string) => violations.push({ file, rule, message });
  const imports = ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);

  for (const specifier of imports) {
    const target = specifier.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : undefined;
    if (target?.startsWith('test/') && PRODUCT.some((p) => file.startsWith(p))) {
      report('tests-one-way', `production code imports test code '${specifier}'`);
    }
    if (file.startsWith('engine/')) {
      if (target && !target.startsWith('engine/')) report('engine-self-contained', `the engine imports '${specifier}' from outside engine/`);
      if (PURE_CORE.some((p) => file.startsWith(p)) && !target && IMPURE_PACKAGES.test(specifier)) {
        report('pure-core', `the pure core imports '${specifier}' (I/O belongs to adapters and the shell)`);
      }
      if (file.startsWith('engine/model/') && target && !/^engine\/(model|ports)\//.test(target)) {
        report('engine-layers', `engine/model imports '${specifier}': the model depends only on port interfaces`);
      }
      if (file.startsWith('engine/runtime/') && target?.startsWith('engine/parse/')) {
        report('engine-layers', `engine/runtime imports the parser '${specifier}'`);
      }
      if (target?.startsWith('engine/adapters/') && !file.startsWith('engine/adapters/') && file !== 'engine/index.ts') {
        report('adapters-are-leaves', `'${specifier}' is an adapter: only engine/index.ts hands adapters out`);
      }
    }
    if (file.startsWith('server/') && target?.startsWith('engine/') && target !== 'engine/index.js' && target !== 'engine/index.ts' && target !== 'engine') {
      report('engine-public-api', `the server imports '${specifier}': use engine/index.ts only`);
    }
    if (file.startsWith('ui/') && target && !target.startsWith('ui/') && !target.startsWith('server/contracts/')) {
      report('ui-over-http', `the UI imports '${specifier}': it talks to the server over HTTP (types from server/contracts only)`);
    }
    if (file.startsWith('modeler/') && target && /^(server|ui)\//.test(target)) {
      report('modeler-over-http', `the modeler imports '${specifier}'`);
    }
    if (/^(forms|processes)\//.test(file) && target?.startsWith('engine/')) {
      report('data-free-of-engine', `${file.split('/')[0]} imports the engine '${specifier}'`);
    }
  }

  const code = stripComments(source);
  if (PURE_CORE.some((p) => file.startsWith(p))) {
    for (const { pattern, what } of NONDETERMINISTIC) {
      if (pattern.test(code)) report('deterministic-core', `the pure core uses ${what}: time and ids come in through ports and commands`);
    }
  }
  if (PRODUCT.some((p) => file.startsWith(p)) && DYNAMIC_CODE.test(code)) {
    report('no-dynamic-code', 'eval, new Function or node:vm in product code');
  }
  return violations;
}

/** Comments may mention what they forbid; strings may not hide code we care about. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}
