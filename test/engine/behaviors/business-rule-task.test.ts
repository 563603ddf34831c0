import t from 'tap';
import { RULES_JOB_TYPE, type RuleEvaluator } from '../../../engine/index.js';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';

const xml = fixture(import.meta.url, 'business-rule-task.bpmn');

t.test('should become an ff:rules job naming the rule set and result variable', async (t) => {
  // given
  const engine = await engineWith([xml]);

  // when
  const instance = start(engine, 'commission', { amount: 60000 });

  // then
  t.match(engine.jobs(instance.id), [{ elementId: 'rate', type: RULES_JOB_TYPE, headers: { ruleSetId: 'commission', resultVariable: 'commission' } }]);
});

t.test('should evaluate the rule sets through the rule evaluator port and store the results', async (t) => {
  // given
  const calls: [string, Readonly<Record<string, unknown>>][] = [];
  const ruleEvaluator: RuleEvaluator = {
    async evaluate(ruleSetId, facts) {
      calls.push([ruleSetId, facts]);
      return ruleSetId === 'commission' ? { rate: 0.1, amount: 6000 } : 'enterprise';
    },
  };
  const engine = await engineWith([xml], { ruleEvaluator });
  const instance = start(engine, 'commission', { amount: 60000 });

  // when
  await engine.runJobs();

  // then
  t.same(calls.map(([ruleSetId]) => ruleSetId), ['commission', 'routing']);
  t.same(calls[0]![1], { amount: 60000 });
  t.equal(engine.instance(instance.id)?.state, 'completed');
  t.same(engine.variables(instance.id), { amount: 60000, commission: { rate: 0.1, amount: 6000 }, team: 'enterprise' });
});

t.test('should fail the job (with retries) when the evaluator rejects', async (t) => {
  // given
  const ruleEvaluator: RuleEvaluator = { evaluate: async () => Promise.reject(new Error('rule set missing')) };
  const engine = await engineWith([xml], { ruleEvaluator });
  const instance = start(engine, 'commission', {});

  // when
  await engine.runJobs();

  // then
  t.equal(engine.instance(instance.id)?.state, 'incident');
  t.match(engine.incidents(instance.id), [{ elementId: 'rate', errorType: 'JOB_NO_RETRIES', message: 'rule set missing' }]);
});
