import { checkCalledElements } from './called-element.check.js';
import type { Check } from './check.js';
import { checkElementIds } from './element-ids.check.js';
import { checkEventDefinitions } from './event-definitions.check.js';
import { checkGatewayConditions } from './gateway-conditions.check.js';
import { checkIoMappings } from './io-mapping.check.js';
import { checkLoopCharacteristics } from './loop-characteristics.check.js';
import { checkReaderWarnings } from './reader-warnings.check.js';
import { checkSequenceFlowEnds } from './sequence-flow-ends.check.js';
import { checkStartEvents } from './start-event.check.js';
import { checkSupportedElements } from './supported-elements.check.js';
import { checkTaskImplementations } from './task-implementation.check.js';

/** Every structural rule, in the order their problems are reported. FEEL syntax is checked while transforming. */
export const CHECKS: readonly Check[] = [
  checkReaderWarnings,
  checkElementIds,
  checkSupportedElements,
  checkEventDefinitions,
  checkStartEvents,
  checkSequenceFlowEnds,
  checkGatewayConditions,
  checkTaskImplementations,
  checkCalledElements,
  checkLoopCharacteristics,
  checkIoMappings,
];

export type { Check };
