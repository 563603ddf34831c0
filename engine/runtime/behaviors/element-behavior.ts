import type { ExecutableElement } from '../../model/index.js';
import type { ElementInstance } from '../../state/instance-state.js';
import type { Runtime } from '../runtime.js';

/**
 * What one element kind does in each phase of its life cycle (Zeebe's
 * BpmnElementProcessor). Behaviours read the state and emit events; they never change
 * the state themselves.
 *
 * - `activate`: the instance exists (activating) and its input mappings are applied.
 *   Either wait (a job, a user task, a child) after marking it activated, complete it at
 *   once, or raise an incident (resolving it calls `activate` again).
 * - `complete`: the wait is over (task completed, child done, scope ran empty): complete
 *   the instance, usually with `completeElement`.
 * - `terminate`: the instance is being terminated: cancel what it waits for. Children and
 *   the `element-terminated` event are handled by the life cycle.
 */
export interface ElementBehavior<E extends ExecutableElement> {
  activate(rt: Runtime, element: E, instance: ElementInstance): void;
  complete(rt: Runtime, element: E, instance: ElementInstance): void;
  terminate(rt: Runtime, element: E, instance: ElementInstance): void;
}
