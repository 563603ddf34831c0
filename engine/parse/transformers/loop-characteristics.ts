import type { ModdleElement } from 'bpmn-moddle';
import type { LoopCharacteristics } from '../../model/index.js';
import { booleanProp, elementProp, expressionBody, extension, stringProp } from '../moddle-access.js';
import type { TransformContext } from './transform-context.js';

/** Multi-instance (`zeebe:loopCharacteristics`) or standard loop characteristics; null for none. */
export function transformLoop(node: ModdleElement, id: string, ctx: TransformContext): LoopCharacteristics | null {
  const loop = elementProp(node, 'loopCharacteristics');
  if (loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics') return multiInstance(loop, id, ctx);
  if (loop?.$type === 'bpmn:StandardLoopCharacteristics') return standardLoop(loop, id, ctx);
  return null;
}

function multiInstance(loop: ModdleElement, id: string, ctx: TransformContext): LoopCharacteristics {
  const zeebe = extension(loop, 'zeebe:LoopCharacteristics');
  const collection = stringProp(zeebe, 'inputCollection')?.trim();
  const cardinality = expressionBody(elementProp(loop, 'loopCardinality'));
  const outputElement = stringProp(zeebe, 'outputElement')?.trim();
  const completion = expressionBody(elementProp(loop, 'completionCondition'));
  return {
    kind: 'multi-instance',
    isSequential: booleanProp(loop, 'isSequential', false),
    inputCollection: collection ? ctx.expression(collection, id, 'the input collection') : null,
    loopCardinality: !collection && cardinality ? ctx.expression(cardinality, id, 'the loop cardinality') : null,
    inputElement: stringProp(zeebe, 'inputElement')?.trim() || null,
    outputCollection: stringProp(zeebe, 'outputCollection')?.trim() || null,
    outputElement: outputElement ? ctx.expression(outputElement, id, 'the output element') : null,
    completionCondition: completion ? ctx.expression(completion, id, 'the completion condition') : null,
  };
}

function standardLoop(loop: ModdleElement, id: string, ctx: TransformContext): LoopCharacteristics {
  const condition = expressionBody(elementProp(loop, 'loopCondition'));
  const maximum = loop['loopMaximum'];
  return {
    kind: 'standard-loop',
    loopCondition: condition ? ctx.expression(condition, id, 'the loop condition') : null,
    testBefore: booleanProp(loop, 'testBefore', false),
    loopMaximum: maximum === undefined || maximum === null ? null : Number(maximum),
  };
}
