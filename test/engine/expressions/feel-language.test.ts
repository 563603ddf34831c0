import t from 'tap';
import { evaluate, FeelDate, FeelDateTime } from 'feelin';
import { ExpressionSyntaxError } from '../../../engine/ports/expression-language.js';
import { feelLanguage } from '../../../engine/expressions/feel-language.js';

const NOW = new Date('2024-05-06T07:08:09.123Z');
const LATER = new Date('2024-12-31T23:59:59Z');

function value(source: string, vars: Record<string, unknown> = {}, now = NOW): unknown {
  const result = feelLanguage.compile(source).evaluate(vars, now);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

t.test('strategy: the common subset is compiled, the rest is left to feelin', async (t) => {
  for (const source of [
    'amount > 10000 and stage = "proposal"',
    'deal.amount * 0.1',
    'if x then "a" else "b"',
    'count(items[amount > 5]) > 0',
    'x in [1..5]',
    'date(due) < today()',
    '=order total >= 100',
  ]) {
    const compiled = feelLanguage.compile(source);
    t.equal(compiled.strategy, 'compiled', source);
    t.equal(compiled.reason, null, source);
  }
  const loop = feelLanguage.compile('for x in [1, 2] return x');
  t.equal(loop.strategy, 'feelin');
  t.match(loop.reason, /ForExpression/);
  t.match(feelLanguage.compile('1 // comment').reason, /comments/);
});

t.test('the leading = of Camunda notation is stripped', async (t) => {
  const compiled = feelLanguage.compile('= 1 + 1');
  t.equal(compiled.source, '1 + 1');
  t.strictSame(compiled.evaluate({}, NOW), { ok: true, value: 2 });
});

t.test('syntax errors are rejected at compile time', async (t) => {
  for (const source of ['amount >', 'if x then', '1 +', '"unterminated', 'foo(', 'a -', '=a b +', '[1, 2']) {
    const error = catchError(() => feelLanguage.compile(source));
    t.type(error, ExpressionSyntaxError, source);
    t.match(error?.message, `Expected a valid FEEL expression, but '${source.replace(/^=/, '')}' has a syntax error at position`);
  }
  t.throws(() => feelLanguage.compile('  '), { name: 'ExpressionSyntaxError', message: 'Expected a FEEL expression, but it is empty' });
});

function catchError(fn: () => unknown): Error | undefined {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  return undefined;
}

t.test('sources that only parse with a variable of a glued name are accepted', async (t) => {
  // valid FEEL when a variable `Mike's age` exists, which only evaluation can tell
  const compiled = feelLanguage.compile("Mike's age >= 18");
  t.equal(compiled.strategy, 'feelin');
  t.strictSame(compiled.evaluate({ "Mike's age": 20 }, NOW), { ok: true, value: true });
  t.equal(compiled.stats.compiled, 1, 'compiled for the variables that make it valid');
  const missing = compiled.evaluate({}, NOW);
  t.equal(missing.ok, false, 'without the variable it is the syntax error feelin reports');
});

t.test('now() and today() read the command time, not the clock', async (t) => {
  const now = value('now()') as FeelDateTime;
  t.type(now, FeelDateTime);
  t.equal(now.toString(), '2024-05-06T07:08:09.123Z');
  t.equal(String(value('now()', {}, LATER)), '2024-12-31T23:59:59Z');
  t.equal(String(value('today()')), '2024-05-06');
  t.type(value('today()'), FeelDate);
  t.equal(String(value('today()', {}, LATER)), '2024-12-31', 'the UTC date of the command time');
  t.equal(value('now() > date and time("2024-05-06T07:08:09Z")'), true);
  t.equal(value('now() > date and time("2024-05-06T07:08:10Z")'), false);
  t.equal(String(value('today() - date("2024-05-01")')), 'P5D');
  t.equal(value('due < today()', { due: evaluate('date("2024-05-05")').value }), true);
  t.equal(value('due < today()', { due: evaluate('date("2024-05-05")').value }, new Date('2024-05-05T12:00:00Z')), false);
});

t.test('now() and today() read the command time in feelin fallbacks too', async (t) => {
  const compiled = feelLanguage.compile('for x in [1] return [now(), today()]');
  t.equal(compiled.strategy, 'feelin');
  const first = compiled.evaluate({}, NOW);
  const second = compiled.evaluate({}, LATER);
  t.ok(first.ok && second.ok);
  t.equal(String(first.ok && first.value), '2024-05-06T07:08:09.123Z,2024-05-06');
  t.equal(String(second.ok && second.value), '2024-12-31T23:59:59Z,2024-12-31');
  t.strictSame(compiled.evaluate({}, NOW), first, 'same command time, same result');
});

t.test('a variable named like a built-in shadows it, as in feelin', async (t) => {
  t.equal(value('now()', { now: 'not callable' }), null);
  t.equal(value('now', { now: 'a value' }), 'a value');
  t.equal(value('count(items)', { count: 3, items: [1] }), null);
  const fallback = feelLanguage.compile('for x in [1] return now()');
  t.strictSame(fallback.evaluate({ now: 5 }, NOW), { ok: true, value: [null] });
});

t.test('evaluate never throws', async (t) => {
  const exploding = {
    get x(): never {
      throw new Error('boom');
    },
  };
  const throwing = feelLanguage.compile('x + 1').evaluate(exploding, NOW);
  t.equal(throwing.ok, false);
  t.match(throwing.ok ? '' : throwing.message, /Expected FEEL expression 'x \+ 1' to evaluate, but: boom/);
  const cyclic: Record<string, unknown> = { n: 1 };
  cyclic.self = cyclic;
  t.equal(feelLanguage.compile('a.self.n').evaluate({ a: cyclic }, NOW).ok, false);
  t.equal(feelLanguage.compile('1 < true').evaluate({}, NOW).ok, false);
  t.equal(feelLanguage.compile('x').evaluate(null as never, NOW).ok, true);
});

t.test('results never alias the variables', async (t) => {
  const vars = { items: [{ a: 1 }, { a: 2 }], deal: { amount: 1, owner: { name: 'Ada' } } };
  const items = value('items', vars) as Array<{ a: number }>;
  t.strictSame(items, vars.items);
  t.not(items, vars.items);
  t.not(items[0], vars.items[0]);
  const deal = value('deal', vars) as typeof vars.deal;
  t.not(deal.owner, vars.deal.owner);
  const filtered = value('items[a > 1]', vars) as unknown[];
  t.not(filtered[0], vars.items[1]);
});

t.test('one compiled expression serves different variable name sets', async (t) => {
  const compiled = feelLanguage.compile('order-total > 100');
  t.strictSame(compiled.evaluate({ 'order-total': 150 }, NOW), { ok: true, value: true });
  t.strictSame(compiled.evaluate({ order: 300, total: 250 }, NOW), { ok: true, value: false });
  t.strictSame(compiled.evaluate({ 'order-total': 50, order: 300, total: 50 }, NOW), { ok: true, value: false });
  t.equal(compiled.stats.compiled, 3);
  t.equal(compiled.stats.feelin, 0);
});

t.test('nested keys that change the parse are handed to feelin', async (t) => {
  const compiled = feelLanguage.compile('deal.first-name');
  t.strictSame(compiled.evaluate({ deal: { 'first-name': 'Ada' } }, NOW), { ok: true, value: 'Ada' });
  t.strictSame(compiled.evaluate({ deal: { first: 3 }, name: 1 }, NOW), { ok: true, value: 2 }, 'deal.first - name');
  t.strictSame(compiled.stats, { compiled: 1, feelin: 1 });
});

t.test('is defined is not a feelin 8.2 built-in: null, as in feelin', async (t) => {
  t.equal(value('is defined(x)', { x: 1 }), null);
  t.equal(value('x != null', { x: 1 }), true);
});

t.test('a name run too long to analyse is left to feelin', async (t) => {
  const path = Array.from({ length: 70 }, (_, i) => `p${i}`).join('.');
  const compiled = feelLanguage.compile(path);
  t.equal(compiled.strategy, 'feelin');
  t.match(compiled.reason, /too long/);
  t.strictSame(compiled.evaluate({}, NOW), { ok: true, value: null });
});
