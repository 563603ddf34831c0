import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import t from 'tap';

const engineRoot = new URL('../../engine/', import.meta.url).pathname;

function sources(folder: string): string[] {
  const root = join(engineRoot, folder);
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    if (statSync(path).isDirectory()) return sources(relative(engineRoot, path));
    return path.endsWith('.ts') ? [path] : [];
  });
}

function imports(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)].map(([, target]) => target!);
}

const PURE = ['model', 'state', 'runtime'];

t.test('should keep the core pure: no I/O modules, no clock, no randomness, no timers', async (t) => {
  for (const path of PURE.flatMap(sources)) {
    const code = readFileSync(path, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    const name = relative(engineRoot, path);
    t.notOk(imports(path).some((target) => /^(node:|kysely|pg|fastify|feelin|bpmn-moddle)/.test(target)), `${name} imports no I/O or parser module`);
    t.notMatch(code, /Date\.now\(|new Date\(\)|Math\.random|setTimeout|setInterval|\beval\(|new Function/, `${name} reads no clock, randomness or timer`);
  }
});

t.test('should keep the engine core order: model imports only port types, runtime never imports parse', async (t) => {
  for (const path of sources('model')) {
    t.ok(imports(path).every((target) => target.startsWith('./') || target.startsWith('../ports/')), relative(engineRoot, path));
  }
  for (const path of [...sources('runtime'), ...sources('state')]) {
    t.notOk(imports(path).some((target) => target.includes('/parse/')), relative(engineRoot, path));
  }
});

t.test('should let only the appliers import the mutable state', async (t) => {
  for (const folder of ['model', 'parse', 'runtime', 'driver', 'memory-engine']) {
    for (const path of sources(folder)) {
      const name = relative(engineRoot, path);
      if (name.startsWith('runtime/appliers/')) continue;
      t.notOk(imports(path).some((target) => target.endsWith('mutable-instance-state.js')), name);
    }
  }
});

t.test('should keep source files small', async (t) => {
  const lengths = ['model', 'parse', 'runtime', 'state', 'driver', 'memory-engine', 'errors', 'ports']
    .flatMap(sources)
    .map((path) => readFileSync(path, 'utf8').split('\n').length);
  const sorted = [...lengths].sort((a, b) => a - b);
  t.ok(sorted[Math.floor(sorted.length / 2)]! < 120, `median ${sorted[Math.floor(sorted.length / 2)]} lines`);
  t.ok(Math.max(...lengths) <= 500, `longest ${Math.max(...lengths)} lines`);
});
