import {
  parseBpmn,
  processCommand,
  ProcessRegistry,
  type Command,
  type EngineEvent,
  type IdGenerator,
  type InstanceState,
  type RuntimeContext,
} from '../../../engine/index.js';
import { fixture } from '../helpers/engine-harness.js';

/** Drives the `deal` fixture through the pure core, command by command, as the PostgreSQL shell would. */
export async function dealCore(): Promise<{ processes: ProcessRegistry }> {
  const xml = fixture(import.meta.url, 'state-persistence.bpmn');
  const parsed = await parseBpmn(xml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const processes = new ProcessRegistry();
  processes.register(xml, parsed.definitions, 'd1');
  return { processes };
}

export function idsFrom(start: number): IdGenerator & { readonly used: () => number } {
  let next = start;
  return { next: () => String(++next), used: () => next };
}

export function step(context: RuntimeContext, state: InstanceState | null, command: Command): { state: InstanceState; events: readonly EngineEvent[] } {
  const result = processCommand(context, state, command);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result;
}

/** The commands that finish a started deal: the credit check, then each open task in key order. */
export function finishingCommands(state: InstanceState, at: Date): Command[] {
  const commands: Command[] = Object.values(state.jobs).map((job) => ({ type: 'complete-job', now: at, jobKey: job.key, variables: { rating: 'A' } }));
  const tasks = Object.values(state.userTasks).sort((a, b) => Number(a.key) - Number(b.key));
  tasks.forEach((task, index) => commands.push({ type: 'complete-task', now: at, taskKey: task.key, variables: { price: 100 + index } }));
  return commands;
}
