import { readFileSync } from 'node:fs';
import { createMemoryEngine, sequentialIds, type MemoryEngine, type MemoryEngineOptions } from '../../../engine/index.js';

/** Read a `.bpmn` fixture that sits beside the test (`fixture(import.meta.url, 'x.bpmn')`). */
export function fixture(testUrl: string, name: string): string {
  return readFileSync(new URL(name, testUrl), 'utf8');
}

/** A clock the test moves by hand. */
export interface TestClock {
  (): Date;
  advance(ms: number): void;
}

export function testClock(start = '2025-01-01T09:00:00.000Z'): TestClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

/**
 * An in-memory engine with deterministic ids and clock, with the given fixtures deployed.
 * Throws when a fixture does not deploy: fixtures are meant to be valid.
 */
export async function engineWith(xmls: readonly string[], options: MemoryEngineOptions = {}): Promise<MemoryEngine & { clock: TestClock }> {
  const clock = testClock();
  const engine = createMemoryEngine({ ids: sequentialIds(), clock, ...options });
  for (const xml of xmls) {
    const deployed = await engine.deploy(xml);
    if (!deployed.ok) throw new Error(`Expected the fixture to deploy, but: ${JSON.stringify(deployed.problems)}`);
  }
  return Object.assign(engine, { clock });
}

/** Start an instance and fail loudly when the start is rejected. */
export function start(engine: MemoryEngine, key: string, variables: Record<string, unknown> = {}, businessKey?: string) {
  const started = engine.startInstance(key, { variables: variables as never, businessKey: businessKey ?? null });
  if (!started.ok) throw new Error(`Expected '${key}' to start, but: ${started.code} ${started.message}`);
  return started.state;
}
