/**
 * The in-memory engine on the straight-through process (start → script task → exclusive
 * gateway → task → end; straight-through.bpmn beside this file): instances per second,
 * median of several rounds, for the pure core alone (what the PostgreSQL shell calls) and
 * the in-memory driver with and without event logs. Ratios are against the pure core
 * measured in the same process.
 *
 *   npx tsx bench/engine-memory.bench.ts [instances] [rounds]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMemoryEngine, parseBpmn, processCommand, ProcessRegistry, sequentialIds } from '../engine/index.js';

const xml = readFileSync(new URL('straight-through.bpmn', import.meta.url), 'utf8');

export interface EngineMemoryBenchRow {
  readonly variant: string;
  readonly instancesPerSec: number;
  readonly ratioToCore: number;
}

export async function runEngineMemoryBench(count = 50_000, rounds = 5): Promise<EngineMemoryBenchRow[]> {
  const core = median(await measureCore(count, rounds));
  const rows: EngineMemoryBenchRow[] = [{ variant: 'pure core (processCommand)', instancesPerSec: core, ratioToCore: 1 }];
  for (const recordEvents of [false, true]) {
    const rate = median(await measureMemoryEngine(recordEvents, count, rounds));
    rows.push({ variant: `memory engine${recordEvents ? ', keeping every event' : ''}`, instancesPerSec: rate, ratioToCore: round2(rate / core) });
  }
  rows.push({ variant: 'heap bytes per instance waiting in a user task', instancesPerSec: await heapPerWaitingInstance(20_000), ratioToCore: 0 });
  return rows;
}

/** Approximate (no forced GC): heap growth while `count` instances wait in a user task. */
async function heapPerWaitingInstance(count: number): Promise<number> {
  const engine = createMemoryEngine({ recordEvents: false });
  await engine.deploy(readFileSync(new URL('user-task.bpmn', import.meta.url), 'utf8'));
  const before = process.memoryUsage().heapUsed;
  for (let index = 0; index < count; index++) engine.startInstance('user-task', { variables: { customer: `customer-${index}`, amount: index } });
  return Math.round((process.memoryUsage().heapUsed - before) / count);
}

async function measureMemoryEngine(recordEvents: boolean, count: number, rounds: number): Promise<number[]> {
  const results: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // A fresh engine per round: memory held by earlier rounds does not slow later ones.
    const engine = createMemoryEngine({ recordEvents });
    await engine.deploy(xml);
    for (let index = 0; index < 2_000; index++) engine.startInstance('straight-through', { variables: { amount: index } });
    const started = performance.now();
    for (let index = 0; index < count; index++) {
      const result = engine.startInstance('straight-through', { variables: { amount: index * 3 } });
      if (!result.ok || result.state.state !== 'completed') throw new Error('expected the instance to complete');
    }
    results.push(Math.round((count / (performance.now() - started)) * 1000));
  }
  return results;
}

async function measureCore(count: number, rounds: number): Promise<number[]> {
  const parsed = await parseBpmn(xml);
  if (!parsed.ok) throw new Error('the benchmark model should parse');
  const processes = new ProcessRegistry();
  processes.register(xml, parsed.definitions, 'bench');
  const context = { processes, ids: sequentialIds() };
  const results: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (let index = 0; index < count; index++) {
      const result = processCommand(context, null, { type: 'start-instance', now: new Date(), definitionId: 'straight-through:1', variables: { amount: index * 3 } });
      if (!result.ok || result.state.state !== 'completed') throw new Error('expected the instance to complete');
    }
    results.push(Math.round((count / (performance.now() - started)) * 1000));
  }
  return results;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round2 = (value: number) => Math.round(value * 100) / 100;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await runEngineMemoryBench(Number(process.argv[2] ?? 50_000), Number(process.argv[3] ?? 5)));
}
