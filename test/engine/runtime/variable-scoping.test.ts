import t from 'tap';
import { engineWith, fixture, start } from '../helpers/engine-harness.js';
import { eventsOf } from '../helpers/record-matchers.js';

const xml = fixture(import.meta.url, 'variable-scoping.bpmn');

async function atEdit() {
  const engine = await engineWith([xml]);
  const instance = start(engine, 'scoping', { customer: { name: 'Acme', status: 'new' } });
  const [edit] = engine.tasks({ instanceId: instance.id });
  const state = engine.instance(instance.id)!;
  const drafting = Object.values(state.elements).find((element) => element.elementId === 'drafting')!;
  return { engine, instance, edit: edit!, drafting };
}

t.test('should create input mappings as local variables of their element instance', async (t) => {
  // when
  const { engine, instance, edit, drafting } = await atEdit();

  // then
  const state = engine.instance(instance.id)!;
  t.same(state.variables[drafting.key], { draft: 'v1' });
  t.same(state.variables[edit.elementInstanceKey], { hint: 'v1!' });
  t.same(engine.variables(instance.id), { customer: { name: 'Acme', status: 'new' } });
});

t.test('should propagate a completion variable to the nearest scope that has it, else to the root', async (t) => {
  // given
  const { engine, instance, edit, drafting } = await atEdit();

  // when
  engine.completeTask(edit.key, { draft: 'v2', result: 'ok' });

  // then: draft was updated in the sub-process (then vanished with it); result went to the root
  const updated = eventsOf(engine.events(instance.id), 'variable-updated').find((event) => event.payload.name === 'draft');
  t.equal(updated?.payload.scopeKey, drafting.key);
  t.same(engine.variables(instance.id), { customer: { name: 'Acme', status: 'new' }, result: 'ok' });
  t.notOk(engine.instance(instance.id)!.variables[drafting.key], 'local scope is gone with its sub-process');
});

t.test('should update a local variable of the task itself instead of propagating (Camunda 8)', async (t) => {
  const { engine, instance, edit } = await atEdit();
  engine.completeTask(edit.key, { hint: 'changed' });
  t.notOk('hint' in engine.variables(instance.id));
  const updated = eventsOf(engine.events(instance.id), 'variable-updated').find((event) => event.payload.name === 'hint');
  t.equal(updated?.payload.scopeKey, edit.elementInstanceKey);
});

t.test('should merge a dotted output target into the existing context', async (t) => {
  // given
  const { engine, instance, edit } = await atEdit();
  engine.completeTask(edit.key);
  const [classify] = engine.tasks({ instanceId: instance.id });

  // when
  engine.completeTask(classify!.key, { level: 'gold' });

  // then: `level` stayed local to the task (it has output mappings); customer.status was merged
  t.same(engine.variables(instance.id), { customer: { name: 'Acme', status: 'gold' } });
});

t.test('should set variables from outside locally or with propagation', async (t) => {
  // given
  const { engine, instance, drafting } = await atEdit();

  // when
  engine.setVariables(instance.id, { draft: 'outside' }, { elementInstanceId: drafting.key });
  engine.setVariables(instance.id, { note: 'local' }, { elementInstanceId: drafting.key, local: true });
  engine.setVariables(instance.id, { owner: 'ann' });

  // then
  const state = engine.instance(instance.id)!;
  t.same(state.variables[drafting.key], { draft: 'outside', note: 'local' });
  t.same(engine.variables(instance.id), { customer: { name: 'Acme', status: 'new' }, owner: 'ann' });
});
