import type { Rejection } from '../../errors/codes.js';
import type { CommandOf, CommandType } from '../commands.js';
import type { Runtime } from '../runtime.js';

/**
 * Handles one command type: checks it against the state first and returns a Rejection
 * before emitting anything; otherwise emits events and queues follow-up steps.
 */
export type CommandHandler<T extends CommandType> = (rt: Runtime, command: CommandOf<T>) => Rejection | undefined;
