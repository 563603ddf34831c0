import type { ModdleElement } from 'bpmn-moddle';
import type {
  ElementKind,
  ExecutableElement,
  ExecutableProcess,
  ExecutableSequenceFlow,
  FlowNodeBase,
} from '../../model/index.js';
import { CONTAINER_TYPES, KIND_BY_BPMN_TYPE, SEQUENCE_FLOW } from '../element-types.js';
import type { ProcessScan } from '../model-scan.js';
import { elementProp, expressionBody, extension, listProp, localName, stringProp } from '../moddle-access.js';
import type { ElementTransformer, ProcessFacts } from './element-transformer.js';
import { TRANSFORMERS } from './index.js';
import { computeJoinReach } from './join-reach.js';
import type { TransformContext } from './transform-context.js';

/**
 * Build one executable process: flows first (so that nodes can hold their flow lists),
 * then every node through its kind's transformer, then the inclusive joins' reach.
 * Elements the checks rejected are skipped; the caller discards the result when any
 * problem was found.
 */
export function transformProcess(scan: ProcessScan, ctx: TransformContext): ExecutableProcess {
  const defaults = new Set<ModdleElement>();
  for (const { element } of scan.elements) {
    const flow = elementProp(element, 'default');
    if (flow) defaults.add(flow);
  }
  const flows: Record<string, ExecutableSequenceFlow> = {};
  const incoming = new Map<string, ExecutableSequenceFlow[]>();
  const outgoing = new Map<string, ExecutableSequenceFlow[]>();
  for (const { element, id } of scan.elements) {
    if (element.$type !== SEQUENCE_FLOW || !id) continue;
    const flow = transformFlow(element, id, defaults.has(element), ctx);
    if (!flow) continue;
    flows[id] = flow;
    push(outgoing, flow.sourceId, flow);
    push(incoming, flow.targetId, flow);
  }
  const elements: Record<string, ExecutableElement> = {};
  const facts = processFacts(scan);
  for (const { element, id, containerId } of scan.elements) {
    const kind = KIND_BY_BPMN_TYPE[element.$type];
    if (!kind || !id) continue;
    const out = outgoing.get(id) ?? [];
    const base: FlowNodeBase<ElementKind> = {
      kind,
      id,
      name: stringProp(element, 'name'),
      bpmnType: localName(element.$type),
      containerId,
      incoming: incoming.get(id) ?? [],
      outgoing: out,
      defaultFlow: out.find((flow) => flow.isDefault) ?? null,
      stage: stringProp(element, 'stage'),
    };
    elements[id] = (TRANSFORMERS[kind] as ElementTransformer<ElementKind>)(element, base, ctx, facts);
  }
  for (const element of Object.values(elements)) {
    if (element.kind === 'inclusive-gateway' && element.isJoin) {
      elements[element.id] = { ...element, joinReach: computeJoinReach(elements, element) };
    }
  }
  const key = scan.key ?? '';
  return {
    kind: 'process',
    key,
    name: stringProp(scan.process, 'name'),
    versionTag: stringProp(extension(scan.process, 'zeebe:VersionTag'), 'value'),
    startEventId: facts.noneStartEventOf(null),
    ...eventWiring(scan, elements, key),
    elements,
    flows,
  };
}

/**
 * Where events attach, computed once: process-level event starts, the event sub-process
 * starts of each scope, boundary events per activity, link throws → catches, and
 * compensation handlers (linked to their activity's compensation boundary event by an
 * association).
 */
function eventWiring(scan: ProcessScan, elements: Readonly<Record<string, ExecutableElement>>, processKey: string) {
  const eventStartIds: string[] = [];
  const eventSubProcessStarts: Record<string, string[]> = {};
  const boundaryEvents: Record<string, string[]> = {};
  const linkCatches = new Map<string, string>();
  for (const element of Object.values(elements)) {
    if (element.kind === 'start-event' && element.eventDefinition !== null) {
      const container = element.containerId === null ? null : elements[element.containerId];
      if (container === null || container === undefined) eventStartIds.push(element.id);
      else if (container.kind === 'sub-process' && container.triggeredByEvent) {
        const scope = container.containerId ?? processKey;
        (eventSubProcessStarts[scope] ??= []).push(element.id);
      }
    }
    if (element.kind === 'boundary-event') (boundaryEvents[element.attachedToId] ??= []).push(element.id);
    if (element.kind === 'intermediate-catch-event' && element.eventDefinition.kind === 'link') {
      linkCatches.set(`${element.containerId ?? ''}|${element.eventDefinition.linkName}`, element.id);
    }
  }
  const linkTargets: Record<string, string> = {};
  for (const element of Object.values(elements)) {
    if (element.kind !== 'intermediate-throw-event' || element.eventDefinition?.kind !== 'link') continue;
    const target = linkCatches.get(`${element.containerId ?? ''}|${element.eventDefinition.linkName}`);
    if (target) linkTargets[element.id] = target;
  }
  const compensationHandlers: Record<string, string> = {};
  const containers = [scan.process, ...scan.elements.filter(({ element }) => CONTAINER_TYPES.has(element.$type)).map(({ element }) => element)];
  for (const association of containers.flatMap((container) => listProp(container, 'artifacts'))) {
    if (association.$type !== 'bpmn:Association') continue;
    const source = elements[elementProp(association, 'sourceRef')?.id ?? ''];
    const target = elementProp(association, 'targetRef')?.id;
    if (source?.kind === 'boundary-event' && source.eventDefinition.kind === 'compensate' && target) compensationHandlers[source.attachedToId] = target;
  }
  return { eventStartIds, eventSubProcessStarts, boundaryEvents, linkTargets, compensationHandlers };
}

function transformFlow(element: ModdleElement, id: string, isDefault: boolean, ctx: TransformContext): ExecutableSequenceFlow | null {
  const sourceId = elementProp(element, 'sourceRef')?.id;
  const targetId = elementProp(element, 'targetRef')?.id;
  if (!sourceId || !targetId) return null;
  const body = expressionBody(elementProp(element, 'conditionExpression'));
  // The default flow's condition, if any, is ignored: it is taken exactly when no other is.
  const condition = body && !isDefault ? ctx.expression(body, id, 'the condition') : null;
  return { kind: 'sequence-flow', id, name: stringProp(element, 'name'), sourceId, targetId, condition, isDefault };
}

function processFacts(scan: ProcessScan): ProcessFacts {
  const starts = new Map<string | null, string>();
  const eventStarts = new Map<string, string>();
  for (const { element, id, containerId } of scan.elements) {
    if (element.$type !== 'bpmn:StartEvent' || !id) continue;
    const isNone = listProp(element, 'eventDefinitions').length === 0 && listProp(element, 'eventDefinitionRef').length === 0;
    if (isNone && !starts.has(containerId)) starts.set(containerId, id);
    if (!isNone && containerId !== null && !eventStarts.has(containerId)) eventStarts.set(containerId, id);
  }
  return { noneStartEventOf: (containerId) => starts.get(containerId) ?? null, eventStartOf: (containerId) => eventStarts.get(containerId) ?? null };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
