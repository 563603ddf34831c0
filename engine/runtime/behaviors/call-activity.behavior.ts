import { evaluateSource } from '../capabilities/evaluate.js';
import { raiseIncident } from '../capabilities/incidents.js';
import { completeElement, markActivated } from '../capabilities/lifecycle.js';
import { visibleVariables } from '../capabilities/variables.js';
import type { JsonObject } from '../../state/json-value.js';
import type { ElementOfKind } from '../../model/index.js';
import type { ElementBehavior } from './element-behavior.js';

/**
 * Call activity: asks the driver to start a child instance (with a pre-allocated id) and
 * waits for `child-instance-completed`. The child receives all variables the call
 * activity sees (propagateAllParentVariables) or only its input mappings.
 */
export const callActivityBehavior: ElementBehavior<ElementOfKind<'call-activity'>> = {
  activate(rt, element, instance) {
    const called = element.calledElement;
    const processId = evaluateSource(rt, called.processId, instance.key, 'the called process id', (value) =>
      typeof value === 'string' && value !== '' ? value : undefined,
    );
    if (!processId.ok) return raiseIncident(rt, instance, 'CALLED_ELEMENT_ERROR', processId.message, 'activate');
    const target = rt.context.processes.byKey(processId.value, { type: called.bindingType, versionTag: called.versionTag, caller: rt.deployed });
    if (!target) {
      const message = `Expected process with BPMN process id '${processId.value}' to be deployed, but it was not found`;
      return raiseIncident(rt, instance, 'CALLED_ELEMENT_ERROR', message, 'activate');
    }
    const variables = called.propagateAllParentVariables ? visibleVariables(rt.state, instance.key) : rt.state.variables[instance.key] ?? {};
    markActivated(rt, instance);
    const { id, businessKey, parent } = rt.state;
    rt.emit('child-instance-requested', element.id, instance.key, {
      childInstanceId: rt.nextId(),
      definitionId: target.definitionId,
      processKey: target.key,
      processVersion: target.version,
      businessKey,
      variables: { ...(variables as JsonObject) },
      parent: { instanceId: id, elementInstanceId: instance.key, elementId: element.id, rootInstanceId: parent?.rootInstanceId ?? id },
    });
  },
  complete: completeElement,
  terminate(rt, element, instance) {
    if (instance.childInstanceId) rt.emit('child-instance-cancel-requested', element.id, instance.key, { childInstanceId: instance.childInstanceId });
  },
};
