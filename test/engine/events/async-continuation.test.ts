import t from 'tap';
import { bpmn } from '../helpers/bpmn-xml.js';
import { engineWith, start } from '../helpers/engine-harness.js';

const MODEL = bpmn(`<bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
  <bpmn:userTask id="review" ff:asyncBefore="true" /><bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" /><bpmn:endEvent id="end" />`);

t.test('an ff:asyncBefore activity starts only when its continuation job runs', async (t) => {
  const engine = await engineWith([MODEL]);
  const instance = start(engine, 'process');
  t.same(engine.tasks({ instanceId: instance.id }), [], 'the start committed before the task');
  t.match(engine.jobs(instance.id), [{ type: 'ff:continue', elementId: 'review' }]);
  t.equal(await engine.runJobs(), 1);
  t.same(engine.tasks({ instanceId: instance.id }).map((task) => task.elementId), ['review']);
  t.same(engine.jobs(instance.id), []);
  engine.completeTask(engine.tasks({ instanceId: instance.id })[0]!.key);
  t.equal(engine.instance(instance.id)!.state, 'completed');
});

t.test('cancelling an instance waiting for a continuation cancels the job', async (t) => {
  const engine = await engineWith([MODEL]);
  const instance = start(engine, 'process');
  engine.cancelInstance(instance.id);
  t.same(engine.jobs(instance.id), []);
  t.equal(await engine.runJobs(), 0);
});
