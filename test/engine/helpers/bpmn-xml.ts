/** Wrap process content in a BPMN definitions document with the zeebe and ff namespaces (for small inline cases). */
export function bpmn(processContent: string, processId = 'process', extraRoots = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:ff="http://funnelflow.dev/schema/bpmn/1.0"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="definitions" targetNamespace="http://funnelflow.dev/test">
  <bpmn:process id="${processId}" isExecutable="true">
${processContent}
  </bpmn:process>${extraRoots}
</bpmn:definitions>`;
}
