import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

const STAGES = [
  { key: 'lead', name: 'Lead', probability: 10, expectedDays: 7 },
  { key: 'offer', name: 'Offer sent', probability: 30, expectedDays: 14 },
  { key: 'signed', name: 'Signed', probability: 100, expectedDays: 3 },
];

t.test('pipelines', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people } = crm;
    const post = (body: object, token = people.n1Head.token) => crm.as(token, { method: 'POST', url: '/api/pipelines', payload: body });
    const patch = (id: string, body: object, token = people.n1Head.token, headers: Record<string, string> = {}) =>
      crm.as(token, { method: 'PATCH', url: `/api/pipelines/${id}`, payload: body, headers });
    const count = async () => Number((await database.db.selectFrom('pipelines').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    let sales: { id: string; version: number };
    await t.test('should let managers and admins create a pipeline with ordered stages', async (t) => {
      const created = await post({ name: 'Sales', stages: STAGES });
      t.equal(created.statusCode, 201);
      sales = created.json();
      t.match(sales, { name: 'Sales', stages: STAGES, version: 1 });
      t.equal(created.headers.etag, '"1"');
      t.equal((await post({ name: 'Service', stages: [STAGES[0]] }, crm.admin)).statusCode, 201, 'an admin');
    });

    await t.test('should refuse reps (403) and let everyone signed in read', async (t) => {
      const byRep = await post({ name: 'Mine', stages: STAGES }, people.repN1.token);
      t.equal(byRep.statusCode, 403);
      t.equal((await patch(sales.id, { name: 'Mine', version: 1 }, people.repN1.token)).statusCode, 403);
      const list = await crm.call('GET', '/api/pipelines', undefined, people.repN1.token);
      t.same(list.items.map((p: { name: string }) => p.name), ['Sales', 'Service']);
      t.match(await crm.call('GET', `/api/pipelines/${sales.id}`, undefined, people.loner.token), { stages: STAGES });
      t.equal((await crm.as(people.loner.token, { method: 'GET', url: '/api/pipelines/00000000-0000-4000-8000-000000000000' })).statusCode, 404);
    });

    await t.test('should name the bad field and write nothing', async (t) => {
      const before = await count();
      const cases: Array<[object, string]> = [
        [{ stages: STAGES }, 'body.name'],
        [{ name: 'X', stages: [] }, 'body.stages'],
        [{ name: 'X', stages: [{ ...STAGES[0], probability: 101 }] }, 'body.stages.0.probability'],
        [{ name: 'X', stages: [{ ...STAGES[0], expectedDays: -1 }] }, 'body.stages.0.expectedDays'],
        [{ name: 'X', stages: [{ ...STAGES[0], key: 'Bad Key' }] }, 'body.stages.0.key'],
        [{ name: 'X', stages: [STAGES[0], { ...STAGES[1], key: 'won' }] }, 'body.stages.1.key'],
        [{ name: 'X', stages: [STAGES[0], STAGES[1], { ...STAGES[2], key: 'lead' }] }, 'body.stages.2.key'],
        [{ name: 'X', stages: [{ key: 'a', name: 'A', probability: 5 }] }, 'body.stages.0.expectedDays'],
      ];
      for (const [body, field] of cases) {
        const response = await post(body);
        t.equal(response.statusCode, 400, field);
        t.equal(response.json().details?.fields?.[0]?.field, field, field);
      }
      t.equal(await count(), before);
    });

    await t.test('should rename, reorder, add and delete stages under optimistic concurrency', async (t) => {
      const reordered = [{ ...STAGES[1]!, name: 'Offer out', probability: 40 }, STAGES[0]!, { key: 'negotiation', name: 'Negotiation', probability: 60, expectedDays: 10 }, STAGES[2]!];
      const first = await patch(sales.id, { name: 'Sales 2027', stages: reordered }, undefined, { 'if-match': '"1"' });
      t.equal(first.statusCode, 200);
      t.match(first.json(), { name: 'Sales 2027', stages: reordered, version: 2 });
      const stale = await patch(sales.id, { name: 'Late', version: 1 });
      t.equal(stale.statusCode, 409);
      t.match(stale.json(), { code: 'SRV_ERR_CONFLICT', details: { currentVersion: 2 } });
      t.equal((await patch(sales.id, { name: 'No version' })).json().details.fields[0].field, 'body.version');
      const removed = await patch(sales.id, { stages: [reordered[0], reordered[2], reordered[3]], version: 2 });
      t.equal(removed.statusCode, 200, 'a stage without deals can go');
      t.same(removed.json().stages.map((s: { key: string }) => s.key), ['offer', 'negotiation', 'signed']);
      const audit = await crm.call('GET', `/api/audit-log?entityType=pipeline&entityId=${sales.id}`);
      t.same(audit.items.map((e: { action: string }) => e.action), ['update', 'update', 'create']);
    });

    await t.test('should refuse (409) deleting a stage that deals stand in, changing nothing', async (t) => {
      const customer = await crm.call('POST', '/api/customers', { kind: 'company', name: 'Stage user' }, people.repN1.token);
      await crm.call('POST', '/api/deals', { customerId: customer.id, title: 'Holds negotiation', amount: '10', currency: 'EUR', pipelineId: sales.id, stage: 'negotiation' }, people.repN1.token);
      const current = await crm.call('GET', `/api/pipelines/${sales.id}`);
      const refused = await patch(sales.id, { name: 'Renamed', stages: current.stages.filter((s: { key: string }) => s.key !== 'negotiation'), version: current.version });
      t.equal(refused.statusCode, 409);
      t.match(refused.json(), { code: 'SRV_ERR_CONFLICT', details: { stage: 'negotiation', deals: 1 } });
      t.same(await crm.call('GET', `/api/pipelines/${sales.id}`), current, 'nothing changed');
    });

    await t.test('should document the routes in the OpenAPI document', async (t) => {
      const spec = (await crm.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      for (const [path, method] of [
        ['/api/pipelines', 'get'],
        ['/api/pipelines', 'post'],
        ['/api/pipelines/{id}', 'patch'],
        ['/api/pipelines/{id}/summary', 'get'],
        ['/api/deals', 'get'],
        ['/api/deals', 'post'],
        ['/api/deals/{id}', 'patch'],
        ['/api/deals/{id}/stage', 'post'],
        ['/api/deals/{id}/close', 'post'],
        ['/api/deals/{id}/reopen', 'post'],
        ['/api/deals/{id}/history', 'get'],
      ] as const) {
        t.ok(spec.paths[path]?.[method], `${method} ${path}`);
        t.same(spec.paths[path]?.[method]?.security, [{ bearerAuth: [] }]);
      }
    });
  });
});
