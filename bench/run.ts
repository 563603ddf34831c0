// `npm run bench`: every benchmark suite, a table per suite, and bench/results.json.
// Figures are ratios against a baseline measured in the same process (machines are noisy).
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCrmVolumeBench } from './crm-volume.bench.js';
import { runEngineMemoryBench } from './engine-memory.bench.js';
import { runEnginePersistedBench } from './engine-persisted.bench.js';
import { runExpressionsBench } from './expressions.bench.js';
import { runJobsBench } from './jobs.bench.js';

interface SuiteResult {
  readonly suite: string;
  readonly rows: ReadonlyArray<object>;
}

/** Marks a suite that runs only when named (`npm run bench -- <part of its name>`). */
const ON_REQUEST = 'on request: ';

const suites: Array<[string, () => Promise<ReadonlyArray<object>>]> = [
  ['FEEL expressions: evaluations per second, feelin.evaluate vs compiled once', runExpressionsBench],
  ['Engine in memory: straight-through instances per second', () => runEngineMemoryBench()],
  ['Engine persisted: instances per second on PGlite and PostgreSQL', () => runEnginePersistedBench()],
  ['Jobs and timers (jobs): executor throughput and timer lateness on PostgreSQL', () => runJobsBench()],
  // ~10 minutes (seeds a million customers): only when asked, `npm run bench -- crm-volume`.
  [ON_REQUEST + 'CRM data volume (crm-volume): p50/p95/p99 of lists and searches at 1M customers on PostgreSQL, ms', () => runCrmVolumeBench()],
];

const only = process.argv[2];
const results: SuiteResult[] = [];
for (const [name, run] of suites) {
  const suite = name.replace(ON_REQUEST, '');
  if (only ? !suite.toLowerCase().includes(only.toLowerCase()) : name.startsWith(ON_REQUEST)) continue;
  console.log(`\n## ${suite}`);
  const rows = await run();
  console.table(rows);
  results.push({ suite, rows });
}

const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
const file = path.resolve(import.meta.dirname, 'results.json');
// Suites that did not run (not selected, or on request only) keep their last results.
const previous: SuiteResult[] = await readFile(file, 'utf8').then((text) => JSON.parse(text).results ?? [], () => []);
results.push(...previous.filter((p) => !results.some((r) => r.suite === p.suite)));
await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2)}\n`);
console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
