import type { ModdleElement } from 'bpmn-moddle';
import { DEFAULT_JOB_RETRIES, type JobDefinition } from '../../model/index.js';
import { extension, listProp, stringProp } from '../moddle-access.js';
import { wholeNumber, type TransformContext } from './transform-context.js';

/** `zeebe:taskDefinition` + `zeebe:taskHeaders`; null when there is no task definition. */
export function transformJobDefinition(node: ModdleElement, id: string, ctx: TransformContext): JobDefinition | null {
  const definition = extension(node, 'zeebe:TaskDefinition');
  const type = ctx.valueSource(stringProp(definition, 'type'), id, 'the job type');
  if (!definition || !type) return null;
  const retries = ctx.typedSource(stringProp(definition, 'retries'), id, 'the job retries', wholeNumber);
  return { type, retries: retries ?? { kind: 'static', value: DEFAULT_JOB_RETRIES }, headers: taskHeaders(node) };
}

export function taskHeaders(node: ModdleElement): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const header of listProp(extension(node, 'zeebe:TaskHeaders'), 'values')) {
    const key = stringProp(header, 'key');
    if (key) headers[key] = stringProp(header, 'value') ?? '';
  }
  return headers;
}
