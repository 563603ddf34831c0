import type { ModdleElement } from 'bpmn-moddle';
import type { EventDefinition, MessageEventDefinition, TimerType } from '../../model/index.js';
import { checkTimerText } from '../../timers/index.js';
import { elementProp, expressionBody, extension, listProp, stringProp } from '../moddle-access.js';
import type { TransformContext } from './transform-context.js';

/**
 * The one event definition of an event (the supported-elements check rejects several) as
 * data. Names and timers may be FEEL (`=…`); literal timers are checked here, so that a
 * bad duration is a deployment problem and not an incident.
 */
export function transformEventDefinition(node: ModdleElement, id: string, ctx: TransformContext): EventDefinition | null {
  const [definition] = [...listProp(node, 'eventDefinitions'), ...listProp(node, 'eventDefinitionRef')];
  if (!definition) return null;
  switch (definition.$type) {
    case 'bpmn:TerminateEventDefinition':
      return { kind: 'terminate' };
    case 'bpmn:CancelEventDefinition':
      return { kind: 'cancel' };
    case 'bpmn:TimerEventDefinition':
      return timer(definition, id, ctx);
    case 'bpmn:MessageEventDefinition':
      return messageOf(elementProp(definition, 'messageRef'), id, ctx);
    case 'bpmn:SignalEventDefinition': {
      const name = stringProp(elementProp(definition, 'signalRef'), 'name');
      return { kind: 'signal', signalName: ctx.valueSource(name, id, 'the signal name') ?? missing(ctx, id, 'a signal with a name') };
    }
    case 'bpmn:ErrorEventDefinition':
      return {
        kind: 'error',
        errorCode: nonBlank(stringProp(elementProp(definition, 'errorRef'), 'errorCode')),
        errorCodeVariable: nonBlank(stringProp(definition, 'errorCodeVariable')),
        errorMessageVariable: nonBlank(stringProp(definition, 'errorMessageVariable')),
      };
    case 'bpmn:EscalationEventDefinition':
      return {
        kind: 'escalation',
        escalationCode: nonBlank(stringProp(elementProp(definition, 'escalationRef'), 'escalationCode')),
        escalationCodeVariable: nonBlank(stringProp(definition, 'escalationCodeVariable')),
      };
    case 'bpmn:ConditionalEventDefinition': {
      const body = expressionBody(elementProp(definition, 'condition'));
      if (!body) {
        ctx.report(id, `Expected the conditional event '${id}' to have a condition, but it has none`);
        return { kind: 'conditional', condition: ctx.expression('=false', id, 'the condition') };
      }
      return { kind: 'conditional', condition: ctx.expression(body, id, 'the condition') };
    }
    case 'bpmn:LinkEventDefinition': {
      const linkName = nonBlank(stringProp(definition, 'name'));
      if (!linkName) ctx.report(id, `Expected the link event '${id}' to have a link name, but it has none`);
      return { kind: 'link', linkName: linkName ?? '' };
    }
    case 'bpmn:CompensateEventDefinition':
      return { kind: 'compensate', activityRef: stringProp(elementProp(definition, 'activityRef'), 'id') };
    default:
      return null;
  }
}

/** A `bpmn:Message` as a catch or throw needs it: its name and `zeebe:subscription correlationKey`. */
export function messageOf(message: ModdleElement | undefined, id: string, ctx: TransformContext): MessageEventDefinition {
  const name = ctx.valueSource(stringProp(message, 'name'), id, 'the message name') ?? missing(ctx, id, 'a message with a name');
  const key = nonBlank(stringProp(extension(message, 'zeebe:Subscription'), 'correlationKey'));
  return { kind: 'message', messageName: name, correlationKey: key === null ? null : ctx.expression(key, id, 'the correlation key') };
}

function timer(definition: ModdleElement, id: string, ctx: TransformContext): EventDefinition {
  const types: Array<[TimerType, string]> = [['date', 'timeDate'], ['duration', 'timeDuration'], ['cycle', 'timeCycle']];
  for (const [timerType, property] of types) {
    const body = expressionBody(elementProp(definition, property));
    if (!body) continue;
    const value = ctx.valueSource(body, id, `the timer ${property}`)!;
    if (value.kind === 'static') {
      const problem = checkTimerText(timerType, value.value.trim());
      if (problem) ctx.report(id, `Expected a valid ${property} on timer '${id}', but: ${problem}`);
    }
    return { kind: 'timer', timerType, value };
  }
  ctx.report(id, `Expected timer '${id}' to have a timeDate, timeDuration or timeCycle, but it has none`);
  return { kind: 'timer', timerType: 'date', value: { kind: 'static', value: '' } };
}

function missing(ctx: TransformContext, id: string, what: string): { kind: 'static'; value: string } {
  ctx.report(id, `Expected '${id}' to reference ${what}, but it does not`);
  return { kind: 'static', value: '' };
}

function nonBlank(value: string | null): string | null {
  return value !== null && value.trim() !== '' ? value.trim() : null;
}
