import type { ModdleElement } from 'bpmn-moddle';
import type { EventDefinition } from '../../model/index.js';
import { listProp } from '../moddle-access.js';
import type { ElementTransformer } from './element-transformer.js';

/** None start events. (Timer, message and signal starts arrive with the next issue.) */
export const transformStartEvent: ElementTransformer<'start-event'> = (node, base) => ({
  ...base,
  eventDefinition: eventDefinition(node),
});

/** None and terminate end events. */
export const transformEndEvent: ElementTransformer<'end-event'> = (node, base) => ({
  ...base,
  eventDefinition: eventDefinition(node),
});

/** None intermediate throw events: a token passes straight through (a modelled milestone). */
export const transformIntermediateThrowEvent: ElementTransformer<'intermediate-throw-event'> = (node, base) => ({
  ...base,
  eventDefinition: eventDefinition(node),
});

function eventDefinition(node: ModdleElement): EventDefinition | null {
  const [definition] = listProp(node, 'eventDefinitions');
  return definition?.$type === 'bpmn:TerminateEventDefinition' ? { kind: 'terminate' } : null;
}
