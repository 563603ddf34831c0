import type { CalledElement } from '../../model/index.js';
import { booleanProp, extension, stringProp } from '../moddle-access.js';
import type { ElementTransformer } from './element-transformer.js';
import { activityFields } from './activity-fields.js';

/** Call activity (`zeebe:calledElement`): starts a child instance and waits for it. */
export const transformCallActivity: ElementTransformer<'call-activity'> = (node, base, ctx) => {
  const called = extension(node, 'zeebe:CalledElement');
  const processId = stringProp(called, 'processId') ?? stringProp(node, 'calledElement');
  const binding = stringProp(called, 'bindingType');
  const calledElement: CalledElement = {
    processId: ctx.valueSource(processId, base.id, 'the called process id') ?? { kind: 'static', value: '' },
    bindingType: binding === 'deployment' || binding === 'versionTag' ? binding : 'latest',
    versionTag: stringProp(called, 'versionTag'),
    propagateAllChildVariables: booleanProp(called, 'propagateAllChildVariables', true),
    propagateAllParentVariables: booleanProp(called, 'propagateAllParentVariables', true),
  };
  return { ...activityFields(node, base, ctx), calledElement };
};
