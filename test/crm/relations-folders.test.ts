import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';
import { planOf } from './helpers/query-plan.js';

t.test('person relations and customer folders', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    const rep = people.repN1.token;
    const create = async (kind: string, name: string, extra: object = {}) =>
      (await crm.call('POST', '/api/customers', { kind, name, ownerId: people.repN1.id, unitId: units.n1, ...extra })).id as string;
    const [jan, eva, kid, kid2, firm] = [await create('person', 'Jan'), await create('person', 'Eva'), await create('person', 'Kid'), await create('person', 'Kid Two'), await create('company', 'Firm')];
    const southern = await create('person', 'Southerner', { ownerId: people.repS1.id, unitId: units.s1, region: 'S' });
    const relate = (id: string, body: object, token = rep) => crm.as(token, { method: 'POST', url: `/api/customers/${id}/relations`, payload: body });
    const relationsOf = async (id: string, query = '') =>
      ((await crm.call('GET', `/api/customers/${id}/relations${query}`, undefined, rep)).items as Array<{ id: string; relatedName: string; type: string }>).map((r) => `${r.type}:${r.relatedName}`);

    await t.test('should store a relation once and read it correctly from both sides', async (t) => {
      const spouse = await relate(jan, { relatedId: eva, type: 'spouse', note: 'married 2001' });
      t.equal(spouse.statusCode, 201);
      t.match(spouse.json(), { relatedId: eva, relatedName: 'Eva', type: 'spouse', note: 'married 2001' });
      t.equal((await relate(kid, { relatedId: jan, type: 'parent' })).statusCode, 201, 'Jan is Kid’s parent');
      t.equal((await relate(jan, { relatedId: kid2, type: 'child' })).statusCode, 201, 'Kid Two is Jan’s child');
      t.same(await relationsOf(jan), ['child:Kid', 'child:Kid Two', 'spouse:Eva']);
      t.same(await relationsOf(eva), ['spouse:Jan']);
      t.same(await relationsOf(kid), ['parent:Jan']);
      t.same(await relationsOf(kid2), ['parent:Jan']);
      t.same(await relationsOf(jan, '?type=child'), ['child:Kid', 'child:Kid Two']);
      t.equal(Number((await database.db.selectFrom('customer_relations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n), 3);
    });

    await t.test('should refuse repeats, loops, non-persons and people out of scope', async (t) => {
      t.equal((await relate(eva, { relatedId: jan, type: 'spouse' })).statusCode, 409, 'the same pair from the other side');
      t.equal((await relate(jan, { relatedId: kid, type: 'parent' })).statusCode, 409, 'Kid cannot be Jan’s parent and child');
      const cases: Array<[string, object, string]> = [
        [firm, { relatedId: jan, type: 'other' }, 'params.id'],
        [jan, { relatedId: firm, type: 'other' }, 'body.relatedId'],
        [jan, { relatedId: jan, type: 'sibling' }, 'body.relatedId'],
        [jan, { relatedId: southern, type: 'sibling' }, 'body.relatedId'],
        [jan, { relatedId: eva, type: 'cousin' }, 'body.type'],
      ];
      for (const [id, body, field] of cases) {
        const response = await relate(id, body);
        t.equal(response.statusCode, 400, field);
        t.equal(response.json().details.fields[0].field, field);
      }
      t.equal((await relate(jan, { relatedId: eva, type: 'partner' }, people.repS1.token)).statusCode, 404);
      t.equal((await crm.as(people.repS1.token, { method: 'GET', url: `/api/customers/${jan}/relations` })).statusCode, 404);
    });

    await t.test('should remove a relation from either side, audited', async (t) => {
      const [relation] = (await crm.call('GET', `/api/customers/${eva}/relations`, undefined, rep)).items;
      t.equal((await crm.as(rep, { method: 'DELETE', url: `/api/customers/${eva}/relations/${relation.id}` })).statusCode, 204);
      t.equal((await crm.as(rep, { method: 'DELETE', url: `/api/customers/${jan}/relations/${relation.id}` })).statusCode, 404);
      t.same(await relationsOf(jan), ['child:Kid', 'child:Kid Two']);
      const audit = await database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'customer_relation').where('entity_id', '=', relation.id).orderBy('id').execute();
      t.same(audit.map((a) => a.action), ['create', 'delete']);
    });

    await t.test('should keep folders private, named uniquely per owner, and filter the customer list by them', async (t) => {
      const folder = async (name: string, token = rep) => crm.as(token, { method: 'POST', url: '/api/customer-folders', payload: { name } });
      const created = await folder('Hot leads');
      t.equal(created.statusCode, 201);
      const hot = created.json();
      t.match(hot, { name: 'Hot leads', memberCount: 0 });
      t.equal((await folder('HOT LEADS')).statusCode, 409);
      t.equal((await folder('   ')).statusCode, 400);
      t.equal((await folder('Hot leads', people.repN1b.token)).statusCode, 201, 'another user may use the same name');
      const put = (folderId: string, customerId: string, token = rep) => crm.as(token, { method: 'PUT', url: `/api/customer-folders/${folderId}/customers/${customerId}` });
      t.equal((await put(hot.id, jan)).statusCode, 204);
      t.equal((await put(hot.id, jan)).statusCode, 204, 'again: no change');
      t.equal((await put(hot.id, firm)).statusCode, 204);
      t.equal((await put(hot.id, southern)).statusCode, 404, 'not a customer he can see');
      t.equal((await put(hot.id, jan, people.repN1b.token)).statusCode, 404, 'not his folder');
      t.same((await crm.call('GET', `/api/customers?folderId=${hot.id}`, undefined, rep)).items.map((c: { name: string }) => c.name), ['Firm', 'Jan']);
      t.same((await crm.call('GET', `/api/customers?folderId=${hot.id}&kind=person`, undefined, rep)).items.map((c: { name: string }) => c.name), ['Jan']);
      const foreign = await crm.as(people.repN1b.token, { method: 'GET', url: `/api/customers?folderId=${hot.id}` });
      t.equal(foreign.statusCode, 400);
      t.equal(foreign.json().details.fields[0].field, 'querystring.folderId');
      t.equal((await crm.as(people.n1Head.token, { method: 'GET', url: `/api/customer-folders/${hot.id}` })).statusCode, 404, 'private even to the manager');
      t.match(await crm.call('GET', `/api/customer-folders/${hot.id}`, undefined, rep), { memberCount: 2 });
    });

    await t.test('should page, rename, empty and delete folders', async (t) => {
      await crm.call('POST', '/api/customer-folders', { name: 'Autumn' }, rep);
      await crm.call('POST', '/api/customer-folders', { name: 'zoo' }, rep);
      const first = await crm.call('GET', '/api/customer-folders?limit=2', undefined, rep);
      t.same(first.items.map((f: { name: string }) => f.name), ['Autumn', 'Hot leads']);
      const second = await crm.call('GET', `/api/customer-folders?limit=2&after=${first.nextCursor}`, undefined, rep);
      t.same(second.items.map((f: { name: string }) => f.name), ['zoo']);
      t.equal(second.nextCursor, null);
      const hot = first.items[1];
      t.same((await crm.call('GET', '/api/customer-folders?q=HO', undefined, rep)).items.map((f: { name: string }) => f.name), ['Hot leads']);
      t.equal((await crm.as(rep, { method: 'PATCH', url: `/api/customer-folders/${hot.id}`, payload: { name: 'zoo' } })).statusCode, 409);
      t.match(await crm.call('PATCH', `/api/customer-folders/${hot.id}`, { name: 'Warm leads' }, rep), { name: 'Warm leads', memberCount: 2 });
      t.equal((await crm.as(rep, { method: 'DELETE', url: `/api/customer-folders/${hot.id}/customers/${jan}` })).statusCode, 204);
      t.equal((await crm.as(rep, { method: 'DELETE', url: `/api/customer-folders/${hot.id}/customers/${jan}` })).statusCode, 404);
      t.equal((await crm.as(rep, { method: 'DELETE', url: `/api/customer-folders/${hot.id}` })).statusCode, 204);
      t.equal((await crm.as(rep, { method: 'GET', url: `/api/customer-folders/${hot.id}` })).statusCode, 404);
      const audit = await database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'customer_folder').where('entity_id', '=', hot.id).orderBy('id').execute();
      t.same(audit.map((a) => a.action), ['create', 'add_customer', 'add_customer', 'update', 'remove_customer', 'delete']);
    });

    await t.test('should have indexes for the new lookups', async (t) => {
      const id = '00000000-0000-4000-8000-000000000000';
      const cases: Array<[string, string, RegExp]> = [
        ['relations to a person', `select id from customer_relations where to_id = '${id}'`, /customer_relations_to_idx/],
        ['relations from a person', `select id from customer_relations where from_id = '${id}'`, /customer_relations_pair_key/],
        ['a customer’s folders', `select folder_id from customer_folder_members where customer_id = '${id}'`, /customer_folder_members_customer_idx/],
        ['a customer’s segments', `select segment_id from segment_members where customer_id = '${id}'`, /segment_members_customer_idx/],
        ['a folder’s customers', `select customer_id from customer_folder_members where folder_id = '${id}'`, /customer_folder_members_pkey/],
        ['custom field equality', `select id from customers where custom_fields @> '{"tier":"gold"}'`, /customers_custom_fields_idx/],
        ['segments by name', `select id from segments order by lower(name), id limit 50`, /segments_name_sort_idx/],
        ['merged ids of a survivor', `select merged_id from customer_merges where survivor_id = '${id}'`, /customer_merges_survivor_idx/],
      ];
      for (const [what, query, index] of cases) t.match(await planOf(database.db, query), index, what);
    });
  });
});
