import type { ModdleElement } from 'bpmn-moddle';
import type { IoMapping, VariableMapping } from '../../model/index.js';
import { extension, listProp, stringProp } from '../moddle-access.js';
import type { TransformContext } from './transform-context.js';

/** `zeebe:ioMapping` → inputs and outputs; null when the element has none. */
export function transformIoMapping(node: ModdleElement, id: string, ctx: TransformContext): IoMapping | null {
  const mapping = extension(node, 'zeebe:IoMapping');
  if (!mapping) return null;
  const inputs = listProp(mapping, 'inputParameters').map((parameter) => variableMapping(parameter, id, 'input', ctx));
  const outputs = listProp(mapping, 'outputParameters').map((parameter) => variableMapping(parameter, id, 'output', ctx));
  return inputs.length === 0 && outputs.length === 0 ? null : { inputs, outputs };
}

function variableMapping(parameter: ModdleElement, id: string, kind: string, ctx: TransformContext): VariableMapping {
  const target = stringProp(parameter, 'target')?.trim() ?? '';
  // Camunda 8: a source without `=` is a literal string; a missing source maps null.
  const raw = stringProp(parameter, 'source')?.trim() ?? '';
  const source = raw.startsWith('=') ? raw : raw === '' ? '=null' : `=${JSON.stringify(raw)}`;
  return {
    source: ctx.expression(source, id, `the source of ${kind} mapping '${target}'`),
    target,
    targetPath: target.split('.'),
  };
}
