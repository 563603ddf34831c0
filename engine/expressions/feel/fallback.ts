import { evaluate } from 'feelin';
import type { ExpressionResult, VariableContext } from '../../ports/expression-language.js';
import { feelNow, feelToday } from './feelin-bridge.js';

/**
 * Evaluation by feelin itself (parses on every call): the path for everything outside the
 * compiled subset. feelin lets context entries shadow built-ins, so `now` and `today` are
 * supplied as functions of the engine command's time. The variables are spread after
 * them: a process variable named `now` still wins, exactly as it would over the built-in.
 */
export function evaluateWithFeelin(expression: string, variables: VariableContext, now: Date): ExpressionResult {
  try {
    const context = {
      now: Object.assign(() => feelNow(now), { $args: [] as string[] }),
      today: Object.assign(() => feelToday(now), { $args: [] as string[] }),
      ...variables,
    };
    return { ok: true, value: evaluate(expression, context).value ?? null };
  } catch (error) {
    return { ok: false, message: `Expected FEEL expression '${expression}' to evaluate, but: ${(error as Error).message}` };
  }
}
