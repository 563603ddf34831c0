import { BpmnModdle, type FromXmlResult } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import ff from './ff-moddle.json' with { type: 'json' };

/** Our moddle namespace, for the modeler to register as `moddleExtensions: { ff }`. */
export const ffModdleDescriptor = ff;

// One reader for the process: building the registry is the expensive part, and
// `fromXML` keeps no state between calls.
let moddle: BpmnModdle | undefined;

export type ReadResult =
  | { readonly ok: true; readonly result: FromXmlResult }
  | { readonly ok: false; readonly message: string };

/** Read XML into the moddle tree; a document that is not BPMN becomes a message, never a throw. */
export async function readBpmn(xml: string): Promise<ReadResult> {
  if (typeof xml !== 'string' || xml.trim() === '') {
    return { ok: false, message: 'Expected BPMN 2.0 XML, but the input is empty' };
  }
  moddle ??= new BpmnModdle({ zeebe, ff });
  try {
    const result = await moddle.fromXML(xml, 'bpmn:Definitions');
    if (result.rootElement?.$type !== 'bpmn:Definitions') {
      return { ok: false, message: 'Expected BPMN 2.0 XML with a bpmn:definitions root, but found none' };
    }
    return { ok: true, result };
  } catch (error) {
    const reason = error instanceof Error ? firstLine(error.message) : String(error);
    return { ok: false, message: `Expected BPMN 2.0 XML with a bpmn:definitions root, but it could not be read: ${reason}` };
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
