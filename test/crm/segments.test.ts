import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

const bigAndOld = {
  all: [
    { field: 'custom.turnover', op: 'gte', value: 1000000 },
    { field: 'custom.since', op: 'lt', value: '2021-01-01' },
  ],
};

t.test('segments', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    const rep = people.repN1.token;
    const customer = async (name: string, spec: object) => (await crm.call('POST', '/api/customers', { kind: 'company', name, ...spec })).id as string;
    const c = {
      alpha: await customer('Alpha', { ownerId: people.repN1.id, unitId: units.n1, status: 'regular', categories: ['vip'], source: 'web', customFields: { turnover: 2000000, since: '2020-05-01', tier: 'gold' } }),
      beta: await customer('Beta', { ownerId: people.repN1.id, unitId: units.n1, customFields: { turnover: 500000, since: '2023-01-15', tier: 'silver' } }),
      gamma: await customer('Gamma', { ownerId: people.repS1.id, unitId: units.s1, region: 'S', status: 'regular', customFields: { turnover: 3000000, since: '2019-12-31' } }),
      delta: await customer('Delta', { ownerId: people.repN1.id, categories: ['vip', 'hot'], customFields: { turnover: 'unknown' } }),
      eve: (await crm.call('POST', '/api/customers', { kind: 'person', name: 'Eve', ownerId: people.repN1.id })).id as string,
    };
    const post = (url: string, body: object, token = rep, headers: Record<string, string> = {}) => crm.as(token, { method: 'POST', url, payload: body, headers });
    const get = (url: string, token = rep) => crm.as(token, { method: 'GET', url });
    const names = (reply: { json(): { items: Array<{ name: string }> } }) => reply.json().items.map((x) => x.name);
    const preview = (filter: object, token = rep) => post('/api/segments/preview', { filter }, token);
    const segmentCount = async () => Number((await database.db.selectFrom('segments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    await t.test('should refuse a bad filter with a 400 naming its path, and save nothing', async (t) => {
      const before = await segmentCount();
      const cases: Array<[unknown, string]> = [
        [{ all: [] }, 'body.filter.all'],
        [{ field: 'shoeSize', op: 'eq', value: 44 }, 'body.filter.field'],
        [{ field: 'custom.bad-name', op: 'exists' }, 'body.filter.field'],
        [{ all: [{ field: 'status', op: 'gt', value: 'new' }] }, 'body.filter.all.0.op'],
        [{ all: [{ field: 'status', op: 'eq', value: 'vip' }] }, 'body.filter.all.0.value'],
        [{ all: [{ field: 'status', op: 'eq', value: 'new', extra: 1 }] }, 'body.filter.all.0.extra'],
        [{ all: [{ field: 'kind', op: 'eq' }] }, 'body.filter.all.0.value'],
        [{ any: [{ field: 'status', op: 'eq', value: 'new' }, { field: 'custom.turnover', op: 'gte', value: 'lots' }] }, 'body.filter.any.1.value'],
        [{ field: 'createdAt', op: 'gt', value: 'yesterday' }, 'body.filter.value'],
        [{ field: 'ownerId', op: 'in', value: ['not-an-id'] }, 'body.filter.value'],
        [{ field: 'custom.since', op: 'lt', value: '01.01.2021' }, 'body.filter.value'],
        [{ all: [{ any: [{ all: [{ any: [{ all: [{ any: [{ field: 'kind', op: 'eq', value: 'person' }] }] }] }] }] }] }, 'body.filter.all.0.any.0.all.0.any.0.all.0.any.0'],
      ];
      for (const [filter, field] of cases) {
        const response = await post('/api/segments', { name: 'Bad', kind: 'dynamic', filter });
        t.equal(response.statusCode, 400, field);
        t.equal(response.json().details?.fields?.[0]?.field, field, `${field}: ${response.json().message}`);
      }
      const missing = await post('/api/segments', { name: 'No filter', kind: 'dynamic' });
      t.equal(missing.json().details.fields[0].field, 'body.filter');
      t.equal((await preview({ field: 'name', op: 'contains' })).json().details.fields[0].field, 'body.filter.value', 'preview checks the same way');
      t.equal(await segmentCount(), before);
    });

    await t.test('should evaluate custom fields as numbers and dates in SQL, never failing on a value of another type', async (t) => {
      t.same(names(await preview(bigAndOld, crm.admin)), ['Alpha', 'Gamma'], 'the admin sees both matches');
      t.equal((await preview(bigAndOld, crm.admin)).json().count, 2);
      t.same(names(await preview({ field: 'custom.turnover', op: 'gt', value: 0 }, crm.admin)), ['Alpha', 'Beta', 'Gamma'], 'Delta’s turnover is text: no match, no error');
      t.same(names(await preview({ field: 'custom.since', op: 'gte', value: '2020-05-01' }, crm.admin)), ['Alpha', 'Beta'], 'dates compare by day, inclusive');
      t.same(names(await preview({ field: 'custom.turnover', op: 'eq', value: 500000 })), ['Beta']);
      t.same(names(await preview({ field: 'custom.tier', op: 'in', value: ['gold', 'silver'] })), ['Alpha', 'Beta']);
      t.same(names(await preview({ field: 'custom.tier', op: 'contains', value: 'OL' })), ['Alpha']);
      t.same(names(await preview({ field: 'custom.since', op: 'exists', value: false })), ['Delta', 'Eve']);
      t.same(names(await preview({ field: 'custom.tier', op: 'ne', value: 'gold' })), ['Beta', 'Delta', 'Eve'], 'ne: a customer without the field matches');
    });

    await t.test('should combine groups over columns', async (t) => {
      t.same(names(await preview({ any: [{ field: 'categories', op: 'contains', value: 'vip' }, { field: 'custom.tier', op: 'eq', value: 'silver' }] })), ['Alpha', 'Beta', 'Delta']);
      t.same(names(await preview({ field: 'categories', op: 'contains', value: ['vip', 'hot'] })), ['Delta'], 'contains a list: all of them');
      t.same(names(await preview({ field: 'categories', op: 'in', value: ['hot', 'cold'] })), ['Delta'], 'in: any of them');
      t.same(names(await preview({ all: [{ field: 'kind', op: 'eq', value: 'company' }, { field: 'source', op: 'ne', value: 'web' }] })), ['Beta', 'Delta']);
      t.same(names(await preview({ field: 'status', op: 'in', value: ['regular'] }, crm.admin)), ['Alpha', 'Gamma']);
      t.same(names(await preview({ field: 'unitId', op: 'eq', value: units.n1 })), ['Alpha', 'Beta']);
      t.same(names(await preview({ field: 'unitId', op: 'exists', value: false })), ['Delta', 'Eve']);
      t.same(names(await preview({ field: 'name', op: 'contains', value: 'ET' })), ['Beta']);
      t.same(names(await preview({ field: 'name', op: 'contains', value: '%' })), [], 'LIKE wildcards are literal');
      t.equal((await preview({ field: 'createdAt', op: 'gte', value: '2000-01-01' })).json().count, 4, 'repN1 sees four of the five');
      t.equal((await preview({ field: 'createdAt', op: 'lt', value: '2000-01-01T00:00:00Z' })).json().count, 0);
    });

    let dynamic: { id: string; version: number };
    await t.test('should show a rep only the members of his own dynamic segment that he may see, and refresh by itself', async (t) => {
      const created = await post('/api/segments', { name: 'Big and old', kind: 'dynamic', filter: bigAndOld });
      t.equal(created.statusCode, 201);
      dynamic = created.json();
      t.match(dynamic, { kind: 'dynamic', ownerId: people.repN1.id, filter: bigAndOld, version: 1 });
      t.same(names(await get(`/api/segments/${dynamic.id}/members`)), ['Alpha'], 'Gamma matches but lies in the south');
      t.same((await get(`/api/segments/${dynamic.id}/count`)).json(), { count: 1 });
      await crm.call('PATCH', `/api/customers/${c.beta}`, { customFields: { turnover: 1500000, since: '2018-03-01', tier: 'silver' }, version: 1 });
      t.same(names(await get(`/api/segments/${dynamic.id}/members`)), ['Alpha', 'Beta'], 'dynamic: no refresh needed');
    });

    await t.test('should page members with the customer list’s keyset cursors', async (t) => {
      const all = await post('/api/segments', { name: 'Everyone', kind: 'dynamic', filter: { field: 'createdAt', op: 'gte', value: '2000-01-01' } });
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page = await get(`/api/segments/${all.json().id}/members?limit=2&sort=-name${after ? `&after=${after}` : ''}`);
        t.equal(page.statusCode, 200);
        seen.push(...names(page));
        after = page.json().nextCursor;
      } while (after);
      t.same(seen, ['Eve', 'Delta', 'Beta', 'Alpha']);
      t.equal((await get(`/api/segments/${all.json().id}/members?after=garbage`)).json().details.fields[0].field, 'querystring.after');
    });

    await t.test('should let only the owner change it, his manager read it, and others not find it', async (t) => {
      const patch = (body: object, token = rep, headers: Record<string, string> = {}) => crm.as(token, { method: 'PATCH', url: `/api/segments/${dynamic.id}`, payload: body, headers });
      t.equal((await get(`/api/segments/${dynamic.id}`, people.n1Head.token)).statusCode, 200, 'the manager reads it');
      t.same(names(await get(`/api/segments/${dynamic.id}/members`, people.n1Head.token)), ['Alpha', 'Beta']);
      t.equal((await patch({ name: 'Mine now', version: 1 }, people.n1Head.token)).statusCode, 403, 'but may not change it');
      t.equal((await get(`/api/segments/${dynamic.id}`, people.repS1.token)).statusCode, 404);
      t.equal((await get(`/api/segments/${dynamic.id}/members`, people.repS1.token)).statusCode, 404);
      t.notOk((await get('/api/segments', people.repS1.token)).json().items.some((s: { id: string }) => s.id === dynamic.id));
      const renamed = await patch({ name: 'Big and loyal', filter: { field: 'custom.turnover', op: 'gte', value: 1800000 } }, rep, { 'if-match': '"1"' });
      t.equal(renamed.statusCode, 200);
      t.match(renamed.json(), { name: 'Big and loyal', version: 2 });
      t.equal(renamed.headers.etag, '"2"');
      t.same(names(await get(`/api/segments/${dynamic.id}/members`)), ['Alpha']);
      const stale = await patch({ name: 'Stale' }, rep, { 'if-match': '"1"' });
      t.equal(stale.statusCode, 409);
      t.match(stale.json(), { code: 'SRV_ERR_CONFLICT', details: { currentVersion: 2 } });
      t.equal((await patch({ filter: { field: 'nope', op: 'eq', value: 1 }, version: 2 })).json().details.fields[0].field, 'body.filter.field');
      const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_type', '=', 'segment').where('entity_id', '=', dynamic.id).orderBy('id').execute();
      t.same(audit.map((a) => a.action), ['create', 'update']);
    });

    await t.test('should snapshot a static segment, add and remove members within the caller’s scope', async (t) => {
      const created = await post('/api/segments', { name: 'VIP snapshot', kind: 'static', filter: { field: 'categories', op: 'contains', value: 'vip' } });
      t.equal(created.statusCode, 201);
      const segment = created.json();
      t.equal(segment.memberCount, 2, 'Alpha and Delta at the time');
      await crm.call('PATCH', `/api/customers/${c.beta}`, { categories: ['vip'], version: 2 });
      t.same(names(await get(`/api/segments/${segment.id}/members`)), ['Alpha', 'Delta'], 'static: a later match does not join');
      const refused = await post(`/api/segments/${segment.id}/members`, { customerIds: [c.eve, c.gamma] });
      t.equal(refused.statusCode, 400);
      t.equal(refused.json().details.fields[0].field, 'body.customerIds.1', 'Gamma is not the rep’s to add');
      t.same((await post(`/api/segments/${segment.id}/members`, { customerIds: [c.eve, c.alpha] })).json(), { added: 1 });
      t.same(names(await get(`/api/segments/${segment.id}/members`)), ['Alpha', 'Delta', 'Eve']);
      t.equal((await crm.as(rep, { method: 'DELETE', url: `/api/segments/${segment.id}/members/${c.delta}` })).statusCode, 204);
      t.equal((await crm.as(rep, { method: 'DELETE', url: `/api/segments/${segment.id}/members/${c.delta}` })).statusCode, 404);
      t.equal((await post(`/api/segments/${dynamic.id}/members`, { customerIds: [c.eve] })).statusCode, 409, 'a dynamic segment has no hand-picked members');
      t.equal((await crm.as(rep, { method: 'PATCH', url: `/api/segments/${segment.id}`, payload: { filter: bigAndOld, version: 1 } })).json().details.fields[0].field, 'body.filter');

      // Alpha moves south: the rep no longer sees it, so his own list no longer shows it.
      await crm.call('PATCH', `/api/customers/${c.alpha}`, { ownerId: people.repS1.id, unitId: units.s1, region: 'S', version: 1 });
      t.same(names(await get(`/api/segments/${segment.id}/members`)), ['Eve']);
      t.same((await get(`/api/segments/${segment.id}/count`)).json(), { count: 1 });
      t.same((await get(`/api/segments/${segment.id}/count`, crm.admin)).json(), { count: 2 }, 'the admin still sees both');
    });

    await t.test('should list segments by name with filters and keyset pages, and delete', async (t) => {
      const first = await get('/api/segments?limit=2');
      t.same(first.json().items.map((s: { name: string }) => s.name), ['Big and loyal', 'Everyone']);
      const second = await get(`/api/segments?limit=2&after=${first.json().nextCursor}`);
      t.same(second.json().items.map((s: { name: string }) => s.name), ['VIP snapshot']);
      t.equal(second.json().nextCursor, null);
      t.same((await get('/api/segments?kind=static')).json().items.map((s: { name: string }) => s.name), ['VIP snapshot']);
      t.same((await get('/api/segments?q=ev')).json().items.map((s: { name: string }) => s.name), ['Everyone']);
      t.same((await get(`/api/segments?ownerId=${people.repS1.id}`)).json().items, []);
      t.equal((await crm.as(people.n1Head.token, { method: 'DELETE', url: `/api/segments/${dynamic.id}` })).statusCode, 403);
      t.equal((await crm.as(rep, { method: 'DELETE', url: `/api/segments/${dynamic.id}` })).statusCode, 204);
      t.equal((await get(`/api/segments/${dynamic.id}`)).statusCode, 404);
    });
  });
});
