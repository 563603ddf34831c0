// `npm run bench`: every benchmark suite, a table per suite, and bench/results.json.
// Figures are ratios against a baseline measured in the same process (machines are noisy).
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runEngineMemoryBench } from './engine-memory.bench.js';
import { runEnginePersistedBench } from './engine-persisted.bench.js';
import { runExpressionsBench } from './expressions.bench.js';

interface SuiteResult {
  readonly suite: string;
  readonly rows: ReadonlyArray<object>;
}

const suites: Array<[string, () => Promise<ReadonlyArray<object>>]> = [
  ['FEEL expressions: evaluations per second, feelin.evaluate vs compiled once', runExpressionsBench],
  ['Engine in memory: straight-through instances per second', () => runEngineMemoryBench()],
  ['Engine persisted: instances per second on PGlite and PostgreSQL', () => runEnginePersistedBench()],
];

const only = process.argv[2];
const results: SuiteResult[] = [];
for (const [suite, run] of suites) {
  if (only && !suite.toLowerCase().includes(only.toLowerCase())) continue;
  console.log(`\n## ${suite}`);
  const rows = await run();
  console.table(rows);
  results.push({ suite, rows });
}

const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
const file = path.resolve(import.meta.dirname, 'results.json');
await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`);
console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
