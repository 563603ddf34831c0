/**
 * FEEL evaluation throughput: feelin.evaluate on every call (what the engine did before,
 * parse included) against the compiled expression, in the same process, on the same
 * variables. Each figure is the median of several timed runs.
 *
 *   npx tsx bench/expressions.bench.ts
 */
import { pathToFileURL } from 'node:url';
import { evaluate } from 'feelin';
import { feelLanguage } from '../engine/expressions/feel-language.js';

export interface ExpressionsBenchRow {
  readonly name: string;
  readonly baselinePerSec: number;
  readonly compiledPerSec: number;
  readonly ratio: number;
}

const NOW = new Date('2024-05-06T07:08:09Z');

/** A flattened process scope as the engine passes it: a few dozen variables. */
const variables: Record<string, unknown> = {
  amount: 25000,
  stage: 'proposal',
  x: true,
  deal: { id: 'D-1', amount: 25000, currency: 'EUR', stage: 'proposal', owner: { name: 'Ada', region: 'EU' } },
  lines: [
    { sku: 'A', amount: 5, status: 'open' },
    { sku: 'B', amount: 15, status: 'open' },
    { sku: 'C', amount: 25, status: 'closed' },
  ],
  closeDate: '2024-06-30',
  customerId: 'C-42',
  customerName: 'Acme Corp',
  region: 'EU',
  priority: 2,
  approved: false,
  discount: 0.1,
  probability: 0.6,
  source: 'web',
  tags: ['vip', 'renewal'],
  ownerEmail: 'ada@example.com',
  createdAt: '2024-01-15T10:00:00Z',
  retries: 0,
  notes: null,
};

const CASES: ReadonlyArray<readonly [string, string]> = [
  ['amount > 10000 and stage = "proposal"', 'amount > 10000 and stage = "proposal"'],
  ['deal.amount * 0.1', 'deal.amount * 0.1'],
  ['if x then "a" else "b"', 'if x then "a" else "b"'],
  ['stage in ["proposal", "negotiation"]', 'stage in ["proposal", "negotiation"]'],
  ['count(lines[amount > 10]) > 0', 'count(lines[amount > 10]) > 0'],
  ['upper case(region) = "EU"', 'upper case(region) = "EU"'],
  ['date(closeDate) > today()', 'date(closeDate) > today()'],
];

const RUNS = 5;
const RUN_MS = 100;

let sink: unknown;

/** Calls per second of `fn`, timed over at least `ms` milliseconds. */
function throughput(fn: () => unknown, ms: number): number {
  let calls = 0;
  let batch = 1;
  const start = process.hrtime.bigint();
  const budget = BigInt(ms) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < batch; i++) sink = fn();
    calls += batch;
    batch = Math.min(batch * 2, 4096);
    elapsed = process.hrtime.bigint() - start;
  }
  return calls / (Number(elapsed) / 1e9);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function runExpressionsBench(): Promise<ExpressionsBenchRow[]> {
  const rows: ExpressionsBenchRow[] = [];
  for (const [name, source] of CASES) {
    const compiled = feelLanguage.compile(source);
    if (compiled.strategy !== 'compiled') throw new Error(`Expected '${source}' to compile, but: ${compiled.reason}`);
    const baseline = (): unknown => evaluate(source, { ...variables }).value;
    const fast = (): unknown => compiled.evaluate(variables, NOW);
    // warm both paths up before timing
    throughput(baseline, 50);
    throughput(fast, 50);
    const baselineRuns: number[] = [];
    const compiledRuns: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      baselineRuns.push(throughput(baseline, RUN_MS));
      compiledRuns.push(throughput(fast, RUN_MS));
    }
    const baselinePerSec = median(baselineRuns);
    const compiledPerSec = median(compiledRuns);
    rows.push({ name, baselinePerSec, compiledPerSec, ratio: compiledPerSec / baselinePerSec });
  }
  void sink;
  return rows;
}

function printTable(rows: readonly ExpressionsBenchRow[]): void {
  const header = ['expression', 'feelin.evaluate /s', 'compiled /s', 'µs per compiled call', 'ratio'];
  const lines = rows.map((row) => [
    row.name,
    Math.round(row.baselinePerSec).toLocaleString('en-US'),
    Math.round(row.compiledPerSec).toLocaleString('en-US'),
    (1e6 / row.compiledPerSec).toFixed(3),
    `${row.ratio.toFixed(0)}x`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(format(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) console.log(format(line));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await runExpressionsBench());
}
