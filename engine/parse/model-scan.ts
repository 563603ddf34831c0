import type { FromXmlResult, ModdleElement, ModdleWarning } from 'bpmn-moddle';
import { CONTAINER_TYPES } from './element-types.js';
import { booleanProp, listProp, stringProp } from './moddle-access.js';

/**
 * The moddle tree flattened once, so that every check and transformer walks a list
 * instead of re-walking the tree.
 */
export interface ModelScan {
  readonly xml: string;
  readonly definitions: ModdleElement;
  readonly warnings: readonly ModdleWarning[];
  readonly processes: readonly ProcessScan[];
  /** `elementId|property` → the id that a reference names but nothing has. */
  readonly unresolved: ReadonlyMap<string, string>;
}

export interface ProcessScan {
  readonly process: ModdleElement;
  readonly key: string | null;
  /** Every flow element at any depth, in document order (containers before their children). */
  readonly elements: readonly ScannedElement[];
}

export interface ScannedElement {
  readonly element: ModdleElement;
  readonly id: string | null;
  /** The embedded sub-process holding it; null at process level. */
  readonly containerId: string | null;
}

export function scanModel(xml: string, read: FromXmlResult): ModelScan {
  const definitions = read.rootElement;
  const processes = listProp(definitions, 'rootElements')
    .filter((root) => root.$type === 'bpmn:Process' && booleanProp(root, 'isExecutable', true))
    .map((process) => ({ process, key: stringProp(process, 'id'), elements: flatten(process, null) }));
  const unresolved = new Map<string, string>();
  for (const warning of read.warnings) {
    if (warning.message.startsWith('unresolved reference') && warning.element?.id && warning.property) {
      unresolved.set(`${warning.element.id}|${warning.property}`, String(warning.value));
    }
  }
  return { xml, definitions, warnings: read.warnings, processes, unresolved };
}

function flatten(container: ModdleElement, containerId: string | null): ScannedElement[] {
  const out: ScannedElement[] = [];
  for (const element of listProp(container, 'flowElements')) {
    const id = stringProp(element, 'id');
    out.push({ element, id, containerId });
    if (CONTAINER_TYPES.has(element.$type)) out.push(...flatten(element, id));
  }
  return out;
}
