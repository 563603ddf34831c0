import { raiseIncident } from '../capabilities/incidents.js';
import { completeElement, markActivated } from '../capabilities/lifecycle.js';
import { evaluateUserTask } from '../capabilities/user-task-attributes.js';
import type { ElementOfKind } from '../../model/index.js';
import type { ElementBehavior } from './element-behavior.js';

/** User task: waits for a person, who completes it (with variables) through `complete-task`. */
export const userTaskBehavior: ElementBehavior<ElementOfKind<'user-task'>> = {
  activate(rt, element, instance) {
    const attributes = evaluateUserTask(rt, element.userTask, instance.key);
    if (!attributes.ok) return raiseIncident(rt, instance, 'EXPRESSION_ERROR', attributes.message, 'activate');
    markActivated(rt, instance);
    rt.emit('user-task-created', element.id, instance.key, {
      taskKey: rt.nextId(),
      processKey: rt.state.processKey,
      definitionId: rt.state.definitionId,
      name: element.name,
      ...attributes.value,
      formKey: element.userTask.formKey,
    });
  },
  complete: completeElement,
  terminate(rt, element, instance) {
    if (instance.userTaskKey) rt.emit('user-task-cancelled', element.id, instance.key, { taskKey: instance.userTaskKey });
  },
};
