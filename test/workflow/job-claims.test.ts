import t from 'tap';
import { createPostgresEngine, engineMigrations, type JobHandler } from '../../engine/index.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { eachDatabase } from '../helpers/test-databases.js';

const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:ff="http://funnelflow.dev/schema/bpmn/1.0"`;
const serviceProcess = (id: string, type: string, priority?: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${NS} id="d-${id}" targetNamespace="http://funnelflow.dev/test"><bpmn:process id="${id}" isExecutable="true">
  <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="work" />
  <bpmn:serviceTask id="work"${priority === undefined ? '' : ` ff:jobPriority="${priority}"`}><bpmn:extensionElements><zeebe:taskDefinition type="${type}" /></bpmn:extensionElements></bpmn:serviceTask>
  <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="e" /><bpmn:endEvent id="e" /></bpmn:process></bpmn:definitions>`;

t.test('the job executor: priorities, and reports whose instance moved on since the claim', async (t) => {
  eachDatabase(t, async (t, database) => {
    const db = database.db as never;
    await migrateToLatest(database.db, engineMigrations);
    const admin = createPostgresEngine({ db });
    const deployed = await admin.deploy({
      name: 'claims',
      resources: [
        { name: 'routine.bpmn', xml: serviceProcess('routine', 'test:record', '0') },
        { name: 'urgent.bpmn', xml: serviceProcess('urgent', 'test:record', '=urgency') },
        { name: 'meddling.bpmn', xml: serviceProcess('meddling', 'test:meddle') },
      ],
    });
    t.ok(deployed.ok, JSON.stringify(deployed));

    await t.test('due jobs of higher ff:jobPriority are claimed first, even when queued later', async (t) => {
      const ran: string[] = [];
      const record: JobHandler = (job) => {
        ran.push(job.processKey);
        return {};
      };
      // More routine jobs than one claim takes (64), then urgent ones: without priorities they would wait for the next claim.
      for (let i = 0; i < 70; i++) await admin.startInstance('routine');
      for (let i = 0; i < 3; i++) await admin.startInstance('urgent', { variables: { urgency: 10 } });
      const runner = createPostgresEngine({ db, handlers: { 'test:record': record } });
      t.equal(await runner.runJobs(), 73);
      const urgentAt = ran.flatMap((key, index) => (key === 'urgent' ? [index] : []));
      t.equal(urgentAt.length, 3);
      t.ok(urgentAt.every((index) => index < 64), `the urgent jobs ran in the first claim (at ${urgentAt.join(', ')})`);
      const rows = await database.db.selectFrom('engine_jobs').select('key').execute();
      t.same(rows, [], 'no job row is left');
    });

    await t.test('a priority expression that is not a whole number raises an incident naming it', async (t) => {
      const started = await admin.startInstance('urgent', { variables: { urgency: 'high' } });
      t.ok(started.ok);
      const id = started.ok ? started.id : '';
      const incidents = await admin.listIncidents({ processInstanceId: id, open: true });
      t.equal(incidents.length, 1);
      t.match(incidents[0]!.message, /job priority/);
    });

    await t.test('a literal priority that is not a whole number is a deployment problem naming the task', async (t) => {
      const refused = await admin.deploy({ name: 'bad', resources: [{ name: 'bad.bpmn', xml: serviceProcess('badPriority', 'test:record', 'high') }] });
      t.notOk(refused.ok);
      t.match(JSON.stringify(refused), /work.*priority|priority.*work/);
    });

    await t.test('a report still lands when its instance changed while the handler ran', async (t) => {
      const engine = createPostgresEngine({
        db,
        handlers: {
          // Another command on the same instance commits between the claim and the report.
          'test:meddle': async (job) => {
            const set = await admin.setVariables(job.instanceId, { touched: true });
            if (!set.ok) throw new Error(set.message);
            return { variables: { done: true } };
          },
        },
      });
      const started = await admin.startInstance('meddling');
      const id = started.ok ? started.id : '';
      t.equal(await engine.runJobs(), 1);
      const instance = await admin.getInstance(id);
      t.equal(instance?.state, 'completed');
      t.match(instance?.variables, { touched: true, done: true });
    });

    await t.test('a report is dropped when its instance was cancelled while the handler ran', async (t) => {
      const engine = createPostgresEngine({
        db,
        handlers: {
          'test:meddle': async (job) => {
            await admin.cancelInstance(job.instanceId);
            return { variables: { done: true } };
          },
        },
      });
      const started = await admin.startInstance('meddling');
      const id = started.ok ? started.id : '';
      t.equal(await engine.runJobs(), 1);
      const instance = await admin.getInstance(id);
      t.equal(instance?.state, 'terminated');
      t.notMatch(instance?.variables, { done: true });
      const rows = await database.db.selectFrom('engine_jobs').select('key').where('instance_id', '=', id).execute();
      t.same(rows, []);
    });
  });
});
