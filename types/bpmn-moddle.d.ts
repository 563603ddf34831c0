/**
 * Local typings for bpmn-moddle 10's main entry, which ships no d.ts (only model
 * interfaces under `bpmn-moddle/types`). We type the moddle tree loosely on purpose: the
 * parser reads it defensively (`engine/parse/moddle-access.ts`), because a document that
 * fails validation can hold anything.
 */
declare module 'bpmn-moddle' {
  /** One node of the moddle tree: a BPMN element, an extension element or an expression. */
  export interface ModdleElement {
    readonly $type: string;
    readonly $parent?: ModdleElement;
    readonly $attrs?: Readonly<Record<string, string>>;
    readonly id?: string;
    get(name: string): unknown;
    /** True when the element is of the type or a subtype (`bpmn:FlowNode`, …). */
    $instanceOf(type: string): boolean;
    readonly [property: string]: unknown;
  }

  /** A problem the reader recovered from (unknown element, unresolved reference, duplicate id). */
  export interface ModdleWarning {
    readonly message: string;
    readonly element?: ModdleElement;
    readonly property?: string;
    readonly value?: unknown;
    readonly error?: Error;
  }

  export interface FromXmlResult {
    readonly rootElement: ModdleElement;
    readonly references: readonly unknown[];
    readonly warnings: readonly ModdleWarning[];
    readonly elementsById: Readonly<Record<string, ModdleElement>>;
  }

  /** A moddle package descriptor (the JSON of zeebe-bpmn-moddle, our `ff` namespace, …). */
  export type ModdlePackage = Readonly<Record<string, unknown>>;

  export class BpmnModdle {
    constructor(packages?: Readonly<Record<string, ModdlePackage>>, options?: Readonly<Record<string, unknown>>);
    /** Rejects (with `warnings` on the error) when the input is not a well-formed document of `typeName`. */
    fromXML(xml: string, typeName?: string, options?: Readonly<Record<string, unknown>>): Promise<FromXmlResult>;
    toXML(element: ModdleElement, options?: Readonly<Record<string, unknown>>): Promise<{ xml: string }>;
    create(type: string, attrs?: Readonly<Record<string, unknown>>): ModdleElement;
  }
}
