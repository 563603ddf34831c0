/**
 * Differential test: every case is evaluated by the compiled expression and by
 * `feelin.evaluate` on the same variables; results must be deep-equal (or both fail).
 * Each case also states which path must have produced the result, so the table proves
 * that the common subset really runs compiled and that the rest falls back.
 */
import t from 'tap';
import { evaluate } from 'feelin';
import { feelLanguage } from '../../../engine/expressions/feel-language.js';

type Path = 'compiled' | 'feelin';
interface Case {
  readonly expr: string;
  readonly vars?: Record<string, unknown>;
  /** Which path evaluates it (default: compiled). */
  readonly path?: Path;
}

const NOW = new Date('2024-05-06T07:08:09.123Z');
const feel = (source: string): unknown => evaluate(source).value;

const deal = { amount: 25000, stage: 'proposal', owner: { name: 'Ada', region: 'EU' }, tags: ['vip', 'new'] };
const lines = [
  { sku: 'A', amount: 5, status: 'open' },
  { sku: 'B', amount: 15, status: 'open' },
  { sku: 'C', amount: 25, status: 'closed' },
];

const sections: Record<string, readonly Case[]> = {
  literals: [
    { expr: '1' },
    { expr: '-1.5' },
    { expr: '123456789012345678901234567890' },
    { expr: '"hello"' },
    { expr: '""' },
    { expr: '"a\\"b\\\\c\\n"' },
    { expr: '"\\u00e9t\\u00e9 \\u0041"' },
    { expr: '"Grüße, 東京 😀"' },
    { expr: 'true' },
    { expr: 'false' },
    { expr: 'null' },
    { expr: '[]' },
    { expr: '[1, "a", null, true, [2]]' },
    { expr: '{}' },
    { expr: '{a: 1, "b c": "x", d: [1, {e: null}]}' },
  ],

  'names and paths': [
    { expr: 'amount', vars: { amount: 5 } },
    { expr: 'amount', vars: {} },
    { expr: 'amount', vars: { amount: null } },
    { expr: 'deal.amount', vars: { deal } },
    { expr: 'deal.amount', vars: { deal: {} } },
    { expr: 'deal.amount', vars: { deal: null } },
    { expr: 'deal.amount', vars: {} },
    { expr: 'deal.amount', vars: { deal: 5 } },
    { expr: 'deal.owner.name', vars: { deal } },
    { expr: 'deal.owner.name', vars: { deal: { owner: null } } },
    { expr: 'a.b.c.d', vars: { a: { b: { c: { d: 'deep' } } } } },
    { expr: 'deal', vars: { deal } },
    { expr: 'lines.amount', vars: { lines } },
    { expr: 'lines.missing', vars: { lines } },
    { expr: 'lines.amount', vars: { lines: [] } },
    { expr: 'deal.tags', vars: { deal } },
    { expr: 'order total', vars: { 'order total': 3 } },
    { expr: 'order  total', vars: { 'order total': 3 } },
    { expr: 'order total', vars: { 'order  total': 3 } },
    { expr: 'first name + " " + last name', vars: { 'first name': 'Ada', 'last name': 'Lovelace' } },
    { expr: 'customer.first name', vars: { customer: { 'first name': 'Ada' } } },
    { expr: 'größe > 180', vars: { größe: 190 } },
    { expr: 'item', vars: { item: 3 } },
    { expr: 'deal.stage', vars: { deal: { stage: 'won', Stage: 'other' } } },
  ],

  comparisons: [
    { expr: 'amount > 10000', vars: { amount: 20000 } },
    { expr: 'amount > 10000', vars: { amount: 5000 } },
    { expr: 'amount > 10000', vars: { amount: 10000 } },
    { expr: 'amount >= 10000', vars: { amount: 10000 } },
    { expr: 'amount > 10000', vars: {} },
    { expr: 'amount > 10000', vars: { amount: 'abc' } },
    { expr: 'amount < 10', vars: { amount: null } },
    { expr: 'amount <= 10.5', vars: { amount: 10.5 } },
    { expr: 'stage = "proposal"', vars: { stage: 'proposal' } },
    { expr: 'stage = "proposal"', vars: { stage: 'won' } },
    { expr: 'stage = "proposal"', vars: {} },
    { expr: 'stage != "proposal"', vars: {} },
    { expr: 'x = null', vars: {} },
    { expr: 'x = null', vars: { x: 0 } },
    { expr: 'null = null' },
    { expr: 'x = y', vars: { x: 1, y: '1' } },
    { expr: 'x != y', vars: { x: 1, y: '1' } },
    { expr: 'x = y', vars: { x: [1, 2], y: [1, 2] } },
    { expr: 'x = y', vars: { x: [1, 2], y: [1, 3] } },
    { expr: 'x = y', vars: { x: { a: 1, b: [2] }, y: { b: [2], a: 1 } } },
    { expr: 'x = y', vars: { x: { a: 1 }, y: { a: 2 } } },
    { expr: 'x = y', vars: { x: { a: 1 }, y: { a: 1, b: 2 } } },
    { expr: '[1] = 1' },
    { expr: '[] = null' },
    { expr: '[] = []' },
    { expr: 'true = "true"' },
    { expr: '"a" < "b"' },
    { expr: '"B" < "a"' },
    { expr: '1 < "2"' },
    // a failing evaluation is always confirmed by feelin (it reports the error)
    { expr: '1 < true', path: 'feelin' },
    { expr: 'x < y', vars: { x: [1], y: 2 } },
    { expr: 'date("2024-01-01") < date("2024-02-01")' },
    { expr: 'date("2024-01-01") = date("2024-01-01")' },
    { expr: 'date("2024-01-01") = "2024-01-01"' },
    { expr: 'date("2024-01-01") = date and time("2024-01-01T00:00:00")' },
    { expr: 'duration("P1D") = duration("PT24H")' },
    { expr: 'duration("P1D") < duration("PT25H")' },
    { expr: 'd > date("2024-01-01")', vars: { d: null } },
    { expr: '[1..5] = [1..5]' },
    { expr: '[1..5] = (1..5]' },
    { expr: '[1..x]', vars: { x: 5 } },
  ],

  logic: [
    { expr: 'true and false' },
    { expr: 'true and null' },
    { expr: 'false and null' },
    { expr: 'true or null' },
    { expr: 'false or null' },
    { expr: 'null or null' },
    { expr: 'x and y', vars: { x: 1, y: true } },
    { expr: 'x or y', vars: { x: 'yes', y: false } },
    { expr: 'not(true)' },
    { expr: 'not(null)' },
    { expr: 'not(1)' },
    { expr: 'not(x)', vars: {} },
    { expr: 'amount > 10000 and stage = "proposal"', vars: { amount: 20000, stage: 'proposal' } },
    { expr: 'amount > 10000 and stage = "proposal"', vars: { amount: 20000, stage: 'won' } },
    { expr: 'amount > 10000 and stage = "proposal"', vars: { stage: 'proposal' } },
    { expr: 'amount > 10000 and stage = "proposal"', vars: {} },
    { expr: 'a > 1 or b > 1', vars: { b: 2 } },
    { expr: 'not(a > 1 or b > 1)', vars: { a: 0, b: 0 } },
  ],

  arithmetic: [
    { expr: '1 + 2' },
    { expr: '0.1 + 0.2' },
    { expr: '0.1 * 3' },
    { expr: '10 / 4' },
    { expr: '10 / 0' },
    { expr: '2 ** 10' },
    { expr: '2 ** -1' },
    { expr: '-2 ** 2' },
    { expr: '(1 + 2) * 3' },
    { expr: '1 + 2 * 3' },
    { expr: '7 - 10' },
    { expr: '9007199254740993 + 1' },
    { expr: '-x', vars: { x: 5 } },
    { expr: '-x', vars: { x: 0 } },
    { expr: '-x', vars: { x: 'a' } },
    { expr: '"a" + "b"' },
    { expr: '"a" + 1' },
    { expr: '1 + null' },
    { expr: 'x + 1', vars: {} },
    { expr: 'x * 2', vars: { x: [1] } },
    { expr: 'x - y', vars: { x: true, y: false } },
    { expr: 'deal.amount * 0.1', vars: { deal } },
    { expr: 'amount * 1.19', vars: { amount: 99.99 } },
    { expr: 'date("2024-01-31") + duration("P1M")' },
    { expr: 'date("2024-03-01") - date("2024-01-01")' },
    { expr: 'date and time("2024-01-01T10:00:00Z") + duration("PT90M")' },
    { expr: 'duration("P1D") * 2' },
    { expr: 'duration("P1D") + duration("PT1H")' },
    { expr: 'date("2024-01-01") + 1' },
  ],

  strings: [
    { expr: 'upper case("straße")' },
    { expr: 'lower case(s)', vars: { s: 'ÄÖÜ' } },
    { expr: 'string length("😀")' },
    { expr: 'string length(s)', vars: { s: 42 } },
    { expr: 'contains("Grüße", "üß")' },
    { expr: 'starts with(name, "Ac")', vars: { name: 'Acme' } },
    { expr: 'ends with(name, "me")', vars: { name: null } },
    { expr: 'substring("hello", 2, 3)' },
    { expr: 'substring(string: "abc", start position: 2)' },
    { expr: 'string(1.5)' },
    { expr: 'string(null)' },
    { expr: 'string([1, "a", {b: null}])' },
    { expr: 'number("12.5")' },
    { expr: 'number("abc")' },
    { expr: '"a" + s', vars: { s: null } },
    { expr: 'string join(["a", "b"], ", ")' },
    { expr: 'split("a,b", ",")' },
    { expr: 'replace("abc", "b", "x")' },
    { expr: 'matches("abc", "^a")' },
  ],

  'if then else': [
    { expr: 'if x then "a" else "b"', vars: { x: true } },
    { expr: 'if x then "a" else "b"', vars: { x: false } },
    { expr: 'if x then "a" else "b"', vars: { x: null } },
    { expr: 'if x then "a" else "b"', vars: {} },
    { expr: 'if x then "a" else "b"', vars: { x: 'yes' } },
    { expr: 'if x then "a" else "b"', vars: { x: 0 } },
    { expr: 'if amount > 100 then "big" else if amount > 10 then "medium" else "small"', vars: { amount: 50 } },
  ],

  between: [
    { expr: 'x between 1 and 10', vars: { x: 5 } },
    { expr: 'x between 1 and 10', vars: { x: 10 } },
    { expr: 'x between 1 and 10', vars: { x: 11 } },
    { expr: 'x between 1 and 10', vars: { x: null } },
    { expr: 'x between 10 and 1', vars: { x: 5 } },
    { expr: 'x between "a" and "m"', vars: { x: 'k' } },
    { expr: 'x between 1 and y', vars: { x: 1 } },
    { expr: 'x between 1 and "a"', vars: { x: 1 }, path: 'feelin' },
    { expr: 'date(ds) between date("2024-01-01") and date("2024-12-31")', vars: { ds: '2024-06-01' } },
  ],

  in: [
    { expr: 'x in [1, 2, 3]', vars: { x: 2 } },
    { expr: 'x in [1, 2, 3]', vars: { x: 4 } },
    { expr: 'x in [1, 2, 3]', vars: { x: null } },
    { expr: 'x in (1, 2, 3)', vars: { x: 3 } },
    { expr: 'x in [1..5]', vars: { x: 5 } },
    { expr: 'x in [1..5)', vars: { x: 5 } },
    { expr: 'x in (1..5]', vars: { x: 1 } },
    { expr: 'x in ]1..5[', vars: { x: 3 } },
    { expr: 'x in > 5', vars: { x: 6 } },
    { expr: 'x in (< 0, > 100)', vars: { x: 50 } },
    { expr: 'x in ("a", "b")', vars: { x: 'b' } },
    { expr: 'x in allowed', vars: { x: 'a', allowed: ['a', 'b'] } },
    { expr: 'x in allowed', vars: { x: 'a', allowed: null } },
    { expr: 'x in allowed', vars: { x: 'a', allowed: 'a' } },
    { expr: 'x in [1..y]', vars: { x: 3 } },
    { expr: 'x in (=5, != 3)', vars: { x: 4 } },
    { expr: 'x in [[1, 2], 3]', vars: { x: [1, 2] } },
    { expr: 'x in [1..5]', vars: { x: 'a' } },
    { expr: 'x in (true, false)', vars: { x: true, '?': false } },
  ],

  'lists and filters': [
    { expr: 'items[1]', vars: { items: [10, 20, 30] } },
    { expr: 'items[-1]', vars: { items: [10, 20, 30] } },
    { expr: 'items[0]', vars: { items: [10, 20, 30] } },
    { expr: 'items[4]', vars: { items: [10, 20, 30] } },
    { expr: 'items[1.5]', vars: { items: [10, 20, 30] } },
    { expr: 'items[true]', vars: { items: [10, 20] } },
    { expr: 'items[false]', vars: { items: [10, 20] } },
    { expr: 'items[item > 15]', vars: { items: [10, 20, 30] } },
    { expr: 'items[item > 100]', vars: { items: [10, 20, 30] } },
    { expr: 'items["a"]', vars: { items: ['a', 'b', 'a'] } },
    { expr: 'items[1]', vars: { items: [] } },
    { expr: 'items[1]', vars: {} },
    { expr: 'items[1]', vars: { items: 5 } },
    { expr: 'items[item > 1]', vars: { items: [null, 1, 2, false] } },
    { expr: 'items[x]', vars: { items: [1, 2, 3], x: 2 } },
    { expr: 'items[x]', vars: { items: [1, 2, 3], x: 'a' } },
    { expr: 'items[null]', vars: { items: [1] } },
    { expr: '[1, 2, 3][item >= 2]' },
    { expr: 'lines[amount > 10]', vars: { lines } },
    { expr: 'lines[amount > 10].sku', vars: { lines } },
    { expr: 'lines[item.amount > 10 and status = "open"].sku', vars: { lines } },
    { expr: 'count(lines[amount > 10])', vars: { lines } },
    { expr: 'sum(lines[status = "open"].amount)', vars: { lines } },
    { expr: 'lines[1].amount', vars: { lines } },
    { expr: 'lines[amount > 5][-1].sku', vars: { lines } },
    { expr: 'deal.tags[1]', vars: { deal } },
    { expr: 'lines[amount > x]', vars: { lines, x: 10 } },
    { expr: 'items[item.a > 1]', vars: { items: [{ a: 1 }, 3, 'x', null, { a: 2 }] } },
  ],

  contexts: [
    { expr: '{a: 1, b: a + 1}' },
    { expr: '{total: amount * 2, label: "x"}', vars: { amount: 3 } },
    { expr: '{a: {b: 1}}' },
    { expr: '{"first name": "Ada", greeting: "Hi " + first name}' },
    { expr: '{a: 1, a: 2}' },
    { expr: '{a: x}', vars: {} },
    { expr: '{amount: amount, deal: deal.stage}', vars: { amount: 1, deal } },
  ],

  functions: [
    { expr: 'count(items)', vars: { items: [1, 2, 3] } },
    { expr: 'count([])' },
    { expr: 'count(null)' },
    { expr: 'count("a")' },
    { expr: 'sum([1, 2, 3])' },
    { expr: 'sum(items)', vars: { items: [] } },
    { expr: 'sum(1, 2, 3)' },
    { expr: 'sum([1, "a"])' },
    { expr: 'min([3, 1, 2])' },
    { expr: 'max(3, 9, 2)' },
    { expr: 'min([])' },
    { expr: 'mean([1, 2])' },
    { expr: 'list contains(tags, "vip")', vars: { tags: ['vip'] } },
    { expr: 'append(items, 4)', vars: { items: [1] } },
    { expr: 'reverse([1, 2, 3])' },
    { expr: 'distinct values([1, 1, 2])' },
    { expr: 'index of([1, 2, 1], 1)' },
    { expr: 'flatten([[1], [2, [3]]])' },
    { expr: 'sort([3, 1, 2])' },
    { expr: 'concatenate([1], [2])' },
    { expr: 'sublist([1, 2, 3], 2)' },
    { expr: 'all([true, true])' },
    { expr: 'any([false, null])' },
    { expr: 'abs(-5)' },
    { expr: 'floor(1.5)' },
    { expr: 'ceiling(1.2)' },
    { expr: 'decimal(1.005, 2)' },
    { expr: 'round half up(2.5, 0)' },
    { expr: 'modulo(10, 3)' },
    { expr: 'odd(3)' },
    { expr: 'sqrt(16)' },
    { expr: 'is defined(x)', vars: { x: 1 } },
    { expr: 'unknownFn(1)' },
    { expr: 'get value({a: 1}, "a")' },
    { expr: 'context put({a: 1}, "b", 2)' },
    { expr: 'count' },
    { expr: 'sum(1, 2, x)', vars: { x: 'a' } },
  ],

  temporal: [
    { expr: 'date("2024-01-31")' },
    { expr: 'date("2024-02-30")' },
    { expr: 'date(2024, 2, 29)' },
    { expr: 'date(year: 2024, month: 2, day: d)', vars: { d: 28 } },
    { expr: 'date(x)', vars: { x: '2024-05-06' } },
    { expr: 'date(x)', vars: { x: 'not a date' } },
    { expr: 'date and time("2024-01-01T10:00:00Z")' },
    { expr: 'date and time(x)', vars: { x: '2024-01-01T10:00:00@Europe/Berlin' } },
    { expr: 'date and time(date("2024-01-01"), time(t))', vars: { t: '10:30:00' } },
    { expr: 'time("10:30:00")' },
    { expr: 'duration("P1DT2H")' },
    { expr: 'duration(x)', vars: { x: 'P1Y2M' } },
    { expr: '@"2024-01-01"' },
    { expr: 'date(ds).year', vars: { ds: '2024-05-06' } },
    { expr: 'date(ds) + duration("P1D")', vars: { ds: '2024-02-28' } },
    { expr: 'years and months duration(date("2020-01-01"), date("2024-06-01"))' },
    { expr: 'date("2024-01-01") < date(x)', vars: { x: '2024-06-01' } },
    { expr: 'day of week(date("2024-05-06"))' },
    { expr: 'd', vars: { d: feel('date("2024-01-01")') } },
    { expr: 'd + duration("P1D") = date("2024-01-02")', vars: { d: feel('date("2024-01-01")') } },
    { expr: 'date(a) <= date(b)', vars: { a: '2024-03-01', b: '2024-03-01' } },
    { expr: 'date(a) > date(b)', vars: { a: '2024-03-02', b: '2024-03-01' } },
    { expr: 'date(a) in [date("2024-01-01")..date("2024-12-31")]', vars: { a: '2024-12-31' } },
    { expr: 'date(a) in (date("2024-12-31")..date("2024-01-01"))', vars: { a: '2024-01-01' } },
    { expr: 'date("2024-01-01") < date and time("2024-01-02T00:00:00")' },
    { expr: 'date("2024-01-01") != date("2024-01-02")' },
  ],

  'instance of': [
    { expr: 'x instance of number', vars: { x: 1 } },
    { expr: 'x instance of number', vars: { x: '1' } },
    { expr: 'x instance of string', vars: { x: 'a' } },
    { expr: 'x instance of boolean', vars: { x: false } },
    { expr: 'x instance of list', vars: { x: [] } },
    { expr: 'x instance of context', vars: { x: {} } },
    { expr: 'date("2024-01-01") instance of date' },
    { expr: 'date("2024-01-01") instance of date and time' },
    { expr: 'x instance of Null', vars: { x: null } },
    { expr: 'x instance of Any', vars: { x: 1 } },
    { expr: 'x instance of Any', vars: {} },
    { expr: 'duration("P1D") instance of days and time duration' },
    { expr: 'duration("P1Y") instance of years and months duration' },
    { expr: '[1..2] instance of range' },
  ],

  'host values in variables': [
    { expr: 'x > date and time("2020-01-01T00:00:00Z")', vars: { x: new Date('2021-01-01T00:00:00Z') } },
    { expr: 'x', vars: { x: new Date(0) } },
    { expr: 'items', vars: { items: [new Date(0), 1] } },
    { expr: 'deal.when.year', vars: { deal: { when: new Date(0) } } },
  ],

  // names whose spelling changes how feelin parses the source: a compiled form per set of names
  'names that change the parse': [
    { expr: 'order-total > 100', vars: { 'order-total': 150 } },
    { expr: 'order-total > 100', vars: { order: 300, total: 50 } },
    { expr: 'terms and conditions', vars: { 'terms and conditions': true } },
    { expr: 'terms and conditions', vars: { terms: true, conditions: false } },
    { expr: "Mike's age >= 18", vars: { "Mike's age": 20 } },
    { expr: 'a.b', vars: { 'a.b': 1, a: { b: 2 } } },
    { expr: 'a.b', vars: { a: { b: 2 } } },
    { expr: 'a b', vars: { 'a  b': 5 } },
    { expr: 'amount', vars: { ' amount': 5 } },
    { expr: 'date(x)', vars: { date: 5, x: '2024-01-01' } },
    { expr: 'count(items)', vars: { count: 3, items: [1] } },
    { expr: 'x and y', vars: { and: 1, x: true, y: true }, path: 'feelin' },
    { expr: 'amount', vars: { amount: 1, ' amount': 2 }, path: 'feelin' },
    { expr: 'deal.first-name', vars: { deal: { 'first-name': 'Ada' } }, path: 'feelin' },
    { expr: 'deal.first-name', vars: { deal: { first: 3, name: 1 } } },
    { expr: 'items[first-name = "A"]', vars: { items: [{ 'first-name': 'A' }] } },
    { expr: 'deal[x and y]', vars: { deal: { x: true, y: true, and: 1 } }, path: 'feelin' },
  ],

  // outside the compiled subset: feelin evaluates them
  fallbacks: [
    { expr: 'for x in [1, 2, 3] return x * 2', path: 'feelin' },
    { expr: 'some x in [1, 2] satisfies x > 1', path: 'feelin' },
    { expr: 'every x in items satisfies x > 0', vars: { items: [1, 2] }, path: 'feelin' },
    { expr: '(function(a) a + 1)(2)', path: 'feelin' },
    { expr: 'x instance of list<number>', vars: { x: [1] }, path: 'feelin' },
    { expr: '{a: {b: 1}}.a.b', path: 'feelin' },
    { expr: '1 + 1 // a comment', path: 'feelin' },
    { expr: 'f(2)', vars: { f: feel('function(a) a * 3') }, path: 'feelin' },
  ],
};

function reference(expr: string, vars: Record<string, unknown>): { ok: boolean; value: unknown } {
  try {
    return { ok: true, value: evaluate(expr, { ...vars }).value ?? null };
  } catch {
    return { ok: false, value: undefined };
  }
}

let total = 0;
for (const [section, cases] of Object.entries(sections)) {
  t.test(section, async (t) => {
    for (const { expr, vars = {}, path = 'compiled' } of cases) {
      total++;
      const compiled = feelLanguage.compile(expr);
      const actual = compiled.evaluate(vars, NOW);
      const expected = reference(expr, vars);
      const label = `${expr}  ${JSON.stringify(vars)}`;
      t.equal(actual.ok, expected.ok, `${label}: ok`);
      if (actual.ok && expected.ok) t.strictSame(actual.value, expected.value, `${label}: value`);
      t.equal(path === 'compiled' ? compiled.stats.compiled : compiled.stats.feelin, 1, `${label}: evaluated by ${path}`);
    }
  });
}

t.test('the table is large enough', async (t) => {
  t.ok(total >= 150, `${total} cases`);
});
