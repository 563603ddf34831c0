import { reject, type Rejection } from '../errors/codes.js';
import type { InstanceState } from '../state/instance-state.js';
import { applyEvent } from './appliers/index.js';
import { cloneState } from './clone-state.js';
import { HANDLERS } from './command-handlers/index.js';
import type { CommandHandler } from './command-handlers/command-handler.js';
import type { Command, CommandOf, CommandType } from './commands.js';
import type { EngineEvent, EngineEventOf } from './events.js';
import { Processor } from './processor.js';
import type { RuntimeContext } from './runtime-context.js';

/** A processed command: the new state and the events that led there, in order. */
export interface CommandApplied {
  readonly ok: true;
  readonly state: InstanceState;
  readonly events: readonly EngineEvent[];
}

export type CommandResult = CommandApplied | Rejection;

/**
 * The engine's pure core: (state, command) → (new state, events), or a coded rejection.
 * Runs until every token of the instance waits (user task, job, child instance, join) or
 * is gone. Deterministic: time comes from `command.now`, ids from `context.ids`. The
 * given state is not changed. `start-instance` takes a null state.
 */
export function processCommand(context: RuntimeContext, state: InstanceState | null, command: Command): CommandResult {
  if (command.type === 'start-instance') return startInstance(context, state, command);
  if (!HANDLERS[command.type]) return reject('ENG_ERR_INVALID_COMMAND', `Expected a known command type, but got '${String(command.type)}'`);
  if (state === null) return reject('ENG_ERR_INSTANCE_NOT_FOUND', `Expected the state of an instance for '${command.type}', but none was given`);
  if (state.state === 'completed' || state.state === 'terminated') {
    return reject('ENG_ERR_INSTANCE_NOT_ACTIVE', `Expected instance '${state.id}' to be active, but it is ${state.state}`);
  }
  const deployed = context.processes.byDefinitionId(state.definitionId);
  if (!deployed) return reject('ENG_ERR_PROCESS_NOT_FOUND', `Expected process definition '${state.definitionId}' to be deployed, but it was not found`);
  const rt = new Processor(cloneState(state), deployed, context, command.now);
  return run(rt, HANDLERS[command.type] as CommandHandler<CommandType>, command);
}

function startInstance(context: RuntimeContext, state: InstanceState | null, command: CommandOf<'start-instance'>): CommandResult {
  if (state !== null) return reject('ENG_ERR_INSTANCE_EXISTS', `Expected no state for a new instance, but got instance '${state.id}'`);
  const deployed = context.processes.byDefinitionId(command.definitionId);
  if (!deployed) return reject('ENG_ERR_PROCESS_NOT_FOUND', `Expected process definition '${command.definitionId}' to be deployed, but it was not found`);
  const created: EngineEventOf<'instance-created'> = {
    type: 'instance-created',
    instanceId: command.instanceId ?? context.ids.next(),
    elementId: deployed.key,
    elementInstanceId: null,
    time: command.now.toISOString(),
    payload: {
      version: 1,
      definitionId: deployed.definitionId,
      processKey: deployed.key,
      processVersion: deployed.version,
      businessKey: command.businessKey ?? null,
      parent: command.parent ?? null,
    },
  };
  const rt = new Processor(applyEvent(null, created), deployed, context, command.now);
  rt.record(created);
  return run(rt, HANDLERS['start-instance'] as CommandHandler<CommandType>, command);
}

function run(rt: Processor, handler: CommandHandler<CommandType>, command: Command): CommandResult {
  const rejection = handler(rt, command);
  if (rejection) return rejection;
  rt.drain();
  return { ok: true, state: rt.state, events: rt.events };
}
