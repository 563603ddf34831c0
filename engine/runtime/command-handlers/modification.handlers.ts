import { reject, type Rejection } from '../../errors/codes.js';
import type { ExecutableProcess } from '../../model/index.js';
import type { ElementInstance } from '../../state/instance-state.js';
import type { JsonObject } from '../../state/json-value.js';
import { activateElement, terminateElement } from '../capabilities/lifecycle.js';
import { scopeChildEnded } from '../capabilities/scope.js';
import { propagateVariables } from '../capabilities/variables.js';
import type { Runtime } from '../runtime.js';
import type { CommandHandler } from './command-handler.js';
import { checkVariables, isRejection } from './lookups.js';

/**
 * Instance modification: every instruction is checked before anything changes (an
 * unknown element, a scope that is not running, a key that is not live), then
 * activations, then terminations (a scope left empty completes), then variables.
 */
export const modifyInstanceHandler: CommandHandler<'modify-instance'> = (rt, command) => {
  const activations: Array<{ elementId: string; scopeKey: string; variables: JsonObject }> = [];
  for (const activation of command.activate ?? []) {
    const element = rt.process.elements[activation.elementId];
    if (!element || element.kind === 'boundary-event') {
      return reject('ENG_ERR_INVALID_COMMAND', `Expected '${activation.elementId}' to be an element of process '${rt.process.key}' that a token can be placed at, but it is not`);
    }
    const scopeKey = scopeFor(rt, element.containerId, activation.scopeKey);
    if (isRejection(scopeKey)) return scopeKey;
    const variables = checkVariables(activation.variables);
    if (isRejection(variables)) return variables;
    activations.push({ elementId: element.id, scopeKey, variables });
  }
  const terminations: ElementInstance[] = [];
  for (const key of command.terminate ?? []) {
    const instance = rt.state.elements[key];
    if (!instance || instance.kind === 'process') {
      return reject('ENG_ERR_ELEMENT_INSTANCE_NOT_FOUND', `Expected a live element instance '${key}' (not the process itself) in instance '${rt.state.id}', but found none`);
    }
    terminations.push(instance);
  }
  const variables = checkVariables(command.variables);
  if (isRejection(variables)) return variables;
  if (Object.keys(variables).length > 0) propagateVariables(rt, rt.state.id, variables);
  for (const activation of activations) {
    activateElement(rt, activation.elementId, activation.scopeKey, null, { locals: activation.variables });
  }
  for (const instance of terminations) {
    const live = rt.state.elements[instance.key];
    if (!live) continue; // already gone with a terminated scope
    terminateElement(rt, live);
    if (live.scopeKey !== null) scopeChildEnded(rt, live.scopeKey);
  }
  return undefined;
};

/** Where a token for an element of `containerId` goes: the root, the given scope, or the one live instance of the container. */
function scopeFor(rt: Runtime, containerId: string | null, given: string | undefined): string | Rejection {
  if (containerId === null) return rt.state.id;
  const candidates = Object.values(rt.state.elements).filter((instance) => instance.elementId === containerId && instance.kind === 'sub-process');
  if (given !== undefined) {
    if (candidates.some((instance) => instance.key === given)) return given;
    return reject('ENG_ERR_ELEMENT_INSTANCE_NOT_FOUND', `Expected '${given}' to be a live instance of sub-process '${containerId}', but it is not`);
  }
  if (candidates.length === 1) return candidates[0]!.key;
  return reject('ENG_ERR_INVALID_COMMAND', `Expected one live instance of sub-process '${containerId}' to place the token in, but there are ${candidates.length}${candidates.length > 1 ? ': name one as scopeKey' : ''}`);
}

/**
 * Migration: the target must be a version of the same process, and every live element,
 * task, job and subscription must land on an element of the same kind. Tokens waiting at
 * joins cannot move (their flows may not exist); an instance with such tokens is refused.
 */
export const migrateInstanceHandler: CommandHandler<'migrate-instance'> = (rt, command) => {
  const target = rt.context.processes.byDefinitionId(command.targetDefinitionId);
  if (!target) return reject('ENG_ERR_PROCESS_NOT_FOUND', `Expected process definition '${command.targetDefinitionId}' to be deployed, but it was not found`);
  if (target.key !== rt.state.processKey) {
    return reject('ENG_ERR_INVALID_COMMAND', `Expected a version of process '${rt.state.processKey}' to migrate to, but '${command.targetDefinitionId}' is process '${target.key}'`);
  }
  if (Object.keys(rt.state.joins).length > 0) return reject('ENG_ERR_INVALID_COMMAND', `Expected no tokens waiting at a joining gateway of instance '${rt.state.id}', but there are some`);
  const mappings = command.mappings ?? {};
  const used = new Map<string, string>();
  const problems: string[] = [];
  const check = (sourceId: string) => {
    if (used.has(sourceId)) return;
    const targetId = mappings[sourceId] ?? sourceId;
    used.set(sourceId, targetId);
    const problem = mismatch(rt.process, target.process, mappings, sourceId, targetId);
    if (problem) problems.push(problem);
  };
  for (const instance of Object.values(rt.state.elements)) if (instance.kind !== 'process') check(instance.elementId);
  for (const subscription of Object.values(rt.state.subscriptions ?? {})) check(subscription.elementId);
  if (problems.length > 0) return reject('ENG_ERR_INVALID_COMMAND', `Expected every live element to map onto '${command.targetDefinitionId}', but: ${problems.join('; ')}`);
  const applied: Record<string, string> = {};
  for (const [sourceId, targetId] of used) if (sourceId !== targetId) applied[sourceId] = targetId;
  rt.emit('instance-migrated', rt.state.processKey, rt.state.id, { fromDefinitionId: rt.state.definitionId, toDefinitionId: target.definitionId, processVersion: target.version, mappings: applied });
  return undefined;
};

function mismatch(source: ExecutableProcess, target: ExecutableProcess, mappings: Readonly<Record<string, string>>, sourceId: string, targetId: string): string | null {
  const from = source.elements[sourceId];
  const to = target.elements[targetId];
  if (!to) return `'${sourceId}' maps to '${targetId}', which the target does not have`;
  if (!from) return null;
  if (from.kind !== to.kind) return `'${sourceId}' is a ${from.kind} but '${targetId}' is a ${to.kind}`;
  // The element's sub-process must land where the element lands.
  const expectedContainer = from.containerId === null ? null : (mappings[from.containerId] ?? from.containerId);
  if (to.containerId !== expectedContainer) return `'${sourceId}' would leave its sub-process '${from.containerId ?? 'process'}' ('${targetId}' sits in '${to.containerId ?? 'the process'}')`;
  return null;
}
