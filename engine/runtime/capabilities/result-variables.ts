import { isActivity, type ExecutableElement } from '../../model/index.js';
import type { ElementInstance } from '../../state/instance-state.js';
import type { JsonObject } from '../../state/json-value.js';
import type { Runtime } from '../runtime.js';
import { propagateVariables, setLocalVariables } from './variables.js';

/**
 * Variables an element produces (job or task completion, script result, called child):
 * with output mappings they become locals of the element instance, for the mappings to
 * read; without, they propagate outwards from the element instance (Camunda 8).
 */
export function mergeResultVariables(rt: Runtime, element: ExecutableElement, instance: ElementInstance, variables: JsonObject): void {
  if (isActivity(element) && element.io !== null && element.io.outputs.length > 0) setLocalVariables(rt, instance.key, variables);
  else propagateVariables(rt, instance.key, variables);
}
