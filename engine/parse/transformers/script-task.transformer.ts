import { extension, stringProp } from '../moddle-access.js';
import type { ElementTransformer } from './element-transformer.js';
import { activityFields } from './activity-fields.js';
import { transformJobDefinition } from './job-definition.js';

/**
 * Script task: a FEEL expression (`zeebe:script`, or BPMN's `script` with a FEEL
 * `scriptFormat`) whose result lands in `resultVariable`; or, with a task definition,
 * a job like a service task.
 */
export const transformScriptTask: ElementTransformer<'script-task'> = (node, base, ctx) => {
  const job = transformJobDefinition(node, base.id, ctx);
  const zeebe = extension(node, 'zeebe:Script');
  const source = stringProp(zeebe, 'expression') ?? stringProp(node, 'script');
  const script = !job && source?.trim()
    ? { expression: ctx.expression(source.trim(), base.id, 'the script'), resultVariable: stringProp(zeebe, 'resultVariable')?.trim() || null }
    : null;
  return { ...activityFields(node, base, ctx), script, job };
};
