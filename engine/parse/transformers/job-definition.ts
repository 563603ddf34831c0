import type { ModdleElement } from 'bpmn-moddle';
import { DEFAULT_JOB_RETRIES, type JobDefinition } from '../../model/index.js';
import { extension, listProp, stringProp } from '../moddle-access.js';
import { fixedMilliseconds, parseIsoDuration } from '../../timers/index.js';
import { commaList, wholeNumber, type TransformContext } from './transform-context.js';

/** `zeebe:taskDefinition` + `zeebe:taskHeaders`; null when there is no task definition. */
export function transformJobDefinition(node: ModdleElement, id: string, ctx: TransformContext): JobDefinition | null {
  const definition = extension(node, 'zeebe:TaskDefinition');
  const type = ctx.valueSource(stringProp(definition, 'type'), id, 'the job type');
  if (!definition || !type) return null;
  const retries = ctx.typedSource(stringProp(definition, 'retries'), id, 'the job retries', wholeNumber);
  const priority = ctx.typedSource(stringProp(node, 'jobPriority'), id, 'the job priority', wholeNumber);
  return { type, retries: retries ?? { kind: 'static', value: DEFAULT_JOB_RETRIES }, headers: taskHeaders(node), retryBackoff: retryBackoff(node, id, ctx), priority };
}

/** `ff:retryBackoff`: comma-separated ISO 8601 durations of fixed length (no years or months). */
export function retryBackoff(node: ModdleElement, id: string, ctx: TransformContext): readonly number[] {
  const raw = stringProp(node, 'retryBackoff');
  if (raw === null || raw.trim() === '') return [];
  const waits: number[] = [];
  for (const part of commaList(raw)) {
    const duration = parseIsoDuration(part);
    const ms = duration.ok ? fixedMilliseconds(duration.value) : undefined;
    if (ms === undefined) {
      ctx.report(id, `Expected ff:retryBackoff of '${id}' to list durations like 'PT10S,PT1M,PT10M', but '${part}' is not one${duration.ok ? ' of fixed length' : ''}`);
      return [];
    }
    waits.push(ms);
  }
  return waits;
}

export function taskHeaders(node: ModdleElement): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const header of listProp(extension(node, 'zeebe:TaskHeaders'), 'values')) {
    const key = stringProp(header, 'key');
    if (key) headers[key] = stringProp(header, 'value') ?? '';
  }
  return headers;
}
