import { extension, stringProp } from '../moddle-access.js';
import type { ElementTransformer } from './element-transformer.js';
import { activityFields } from './activity-fields.js';
import { commaList, wholeNumber } from './transform-context.js';

/** User task with Camunda 8's assignment, schedule, priority and form extensions. */
export const transformUserTask: ElementTransformer<'user-task'> = (node, base, ctx) => {
  const id = base.id;
  const assignment = extension(node, 'zeebe:AssignmentDefinition');
  const schedule = extension(node, 'zeebe:TaskSchedule');
  const form = extension(node, 'zeebe:FormDefinition');
  return {
    ...activityFields(node, base, ctx),
    userTask: {
      assignee: ctx.valueSource(stringProp(assignment, 'assignee'), id, 'the assignee'),
      candidateGroups: ctx.typedSource(stringProp(assignment, 'candidateGroups'), id, 'the candidate groups', commaList),
      candidateUsers: ctx.typedSource(stringProp(assignment, 'candidateUsers'), id, 'the candidate users', commaList),
      dueDate: ctx.valueSource(stringProp(schedule, 'dueDate'), id, 'the due date'),
      followUpDate: ctx.valueSource(stringProp(schedule, 'followUpDate'), id, 'the follow-up date'),
      priority: ctx.typedSource(stringProp(extension(node, 'zeebe:PriorityDefinition'), 'priority'), id, 'the priority', priority),
      formKey: stringProp(form, 'formKey') ?? stringProp(form, 'formId') ?? stringProp(form, 'externalReference'),
    },
  };
};

function priority(literal: string): number | null {
  const value = wholeNumber(literal);
  return value !== null && value >= 0 && value <= 100 ? value : null;
}
