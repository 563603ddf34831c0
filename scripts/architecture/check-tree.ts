import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkFile, type Violation } from './import-rules.js';

const ROOTS = ['engine', 'server', 'processes', 'forms', 'rules', 'ui', 'modeler', 'test', 'bench', 'scripts'];
const SKIP = new Set(['node_modules', 'dist', '.cache']);

/** Checks every .ts/.tsx/.js/.mjs source below the repository's top-level folders. */
export async function checkTree(repoRoot: string): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const root of ROOTS) {
    for (const file of await sourceFiles(path.join(repoRoot, root))) {
      const relative = path.relative(repoRoot, file).split(path.sep).join('/');
      violations.push(...checkFile(relative, await readFile(file, 'utf8')));
    }
  }
  return violations;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else if (/\.(ts|tsx|mjs|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}
