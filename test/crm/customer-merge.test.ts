import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

t.test('customer duplicates and merge', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    const rep = people.repN1.token;
    const create = async (body: object) => (await crm.call('POST', '/api/customers', { kind: 'company', ownerId: people.repN1.id, unitId: units.n1, ...body })).id as string;
    const acme = await create({ name: 'Acme', emails: [{ value: 'office@acme.test' }], categories: ['vip'], customFields: { headcount: 10 } });
    const dup = await create({
      name: 'ACME Ltd',
      emails: [{ value: 'OFFICE@acme.test' }, { value: 'sales@acme.test' }],
      phones: [{ value: '+48 500 100 200' }],
      categories: ['hot', 'vip'],
      source: 'trade fair',
      taxId: 'PL 585-000-11-22',
      customFields: { headcount: 99, sector: 'it' },
    });
    const southern = await create({ name: 'Acme South', ownerId: people.repS1.id, unitId: units.s1, region: 'S', phones: [{ value: '48500100200' }] });
    const jan = await create({ kind: 'person', name: 'Jan' });
    const ola = await create({ kind: 'person', name: 'Ola' });
    await crm.call('PUT', `/api/customers/${dup}/contacts/${jan}`, { function: 'CFO' });
    await crm.call('PUT', `/api/customers/${dup}/contacts/${ola}`, { function: 'Owner' });
    await crm.call('PUT', `/api/customers/${acme}/contacts/${ola}`, { function: 'CEO' });
    const pipeline = (await crm.call('POST', '/api/pipelines', { name: 'Sales', stages: [{ key: 'lead', name: 'Lead', probability: 10, expectedDays: 7 }] })).id as string;
    const deal = await crm.call('POST', '/api/deals', { customerId: dup, title: 'Licences', amount: '100', currency: 'EUR', pipelineId: pipeline }, rep);
    const call = await crm.call('POST', '/api/activities', { kind: 'call', subject: 'Intro call', startsAt: '2027-01-05T09:00:00Z', endsAt: '2027-01-05T09:30:00Z', customerId: dup }, rep);
    const folder = (await crm.call('POST', '/api/customer-folders', { name: 'Key accounts' }, rep)).id as string;
    t.equal((await crm.as(rep, { method: 'PUT', url: `/api/customer-folders/${folder}/customers/${dup}` })).statusCode, 204);
    const segment = (await crm.call('POST', '/api/segments', { name: 'Watch', kind: 'static' }, rep)).id as string;
    await crm.call('POST', `/api/segments/${segment}/members`, { customerIds: [acme, dup] }, rep);

    const merge = (survivor: string, body: object, token = rep, headers: Record<string, string> = {}) =>
      crm.as(token, { method: 'POST', url: `/api/customers/${survivor}/merge`, payload: body, headers });
    const counts = async () => {
      const count = async (table: 'customers' | 'customer_contacts' | 'audit_log' | 'customer_merges') =>
        Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      return [await count('customers'), await count('customer_contacts'), await count('audit_log'), await count('customer_merges')];
    };

    await t.test('should list the possible duplicates the caller can see, strongest first', async (t) => {
      const mine = await crm.as(rep, { method: 'GET', url: `/api/customers/${dup}/duplicates` });
      t.equal(mine.statusCode, 200);
      t.same(mine.json().items, [{ id: acme, name: 'Acme', kind: 'company', matchedOn: ['email'], version: 1 }], 'the southern twin is not the rep’s to see');
      const all = (await crm.as(crm.admin, { method: 'GET', url: `/api/customers/${dup}/duplicates` })).json().items;
      t.same(all.map((d: { name: string; matchedOn: string[] }) => [d.name, d.matchedOn]), [['Acme', ['email']], ['Acme South', ['phone']]]);
      t.equal((await crm.as(people.repS1.token, { method: 'GET', url: `/api/customers/${acme}/duplicates` })).statusCode, 404);
    });

    await t.test('should refuse a merge the caller may not make, or that makes no sense, changing nothing', async (t) => {
      const before = await counts();
      t.equal((await merge(acme, { duplicateId: dup, version: 1 }, people.repS1.token)).statusCode, 404, 'the survivor is out of his scope');
      const foreign = await merge(acme, { duplicateId: southern, version: 1 });
      t.equal(foreign.statusCode, 400);
      t.equal(foreign.json().details.fields[0].field, 'body.duplicateId', 'the duplicate is out of his scope');
      t.equal((await merge(acme, { duplicateId: acme, version: 1 })).json().details.fields[0].field, 'body.duplicateId');
      t.equal((await merge(acme, { duplicateId: jan, version: 1 })).json().details.fields[0].field, 'body.duplicateId', 'a person into a company');
      t.equal((await merge(acme, { duplicateId: dup })).json().details.fields[0].field, 'body.version');
      const stale = await merge(acme, { duplicateId: dup }, rep, { 'if-match': '"7"' });
      t.equal(stale.statusCode, 409);
      t.match(stale.json(), { code: 'SRV_ERR_CONFLICT', details: { currentVersion: 1 } });
      t.same(await counts(), before);
    });

    await t.test('should move everything to the survivor, complete its fields and delete the duplicate in one go', async (t) => {
      const response = await merge(acme, { duplicateId: dup }, rep, { 'if-match': '"1"' });
      t.equal(response.statusCode, 200, response.body);
      t.equal(response.headers.etag, '"2"');
      const result = response.json();
      t.match(result, {
        mergedId: dup,
        moved: { contacts: 1, deals: 1, segments: 0, folders: 1, relations: 0, activities: 1 },
        notCarriedOver: [],
        customer: {
          id: acme,
          name: 'Acme',
          version: 2,
          emails: [{ value: 'office@acme.test', primary: true }, { value: 'sales@acme.test', primary: false }],
          phones: [{ value: '+48 500 100 200', primary: true }], // the survivor had none: the first becomes primary
          categories: ['vip', 'hot'],
          source: 'trade fair',
          taxId: 'PL 585-000-11-22',
          customFields: { headcount: 10, sector: 'it' },
        },
      });
      const contacts = (await crm.call('GET', `/api/customers/${acme}/contacts`, undefined, rep)).items;
      t.same(contacts.map((c: { personName: string; function: string }) => [c.personName, c.function]), [['Jan', 'CFO'], ['Ola', 'CEO']], 'the survivor’s own link wins');
      t.match(await crm.call('GET', `/api/deals/${deal.id}`, undefined, rep), { customerId: acme, version: 2 });
      t.match(await crm.call('GET', `/api/activities/${call.id}`, undefined, rep), { customerId: acme }, 'the activity followed its customer');
      t.same((await crm.call('GET', `/api/customers?folderId=${folder}`, undefined, rep)).items.map((c: { id: string }) => c.id), [acme]);
      t.same((await crm.call('GET', `/api/segments/${segment}/members`, undefined, rep)).items.map((c: { id: string }) => c.id), [acme]);
      const identifiers = await database.db.selectFrom('customer_identifiers').select(['kind', 'value']).where('customer_id', '=', acme).orderBy('kind').orderBy('value').execute();
      t.same(identifiers, [
        { kind: 'email', value: 'office@acme.test' },
        { kind: 'email', value: 'sales@acme.test' },
        { kind: 'phone', value: '48500100200' },
        { kind: 'taxId', value: 'PL5850001122' },
      ]);
      const audit = await database.db.selectFrom('audit_log').select(['entity_id', 'action', 'actor_id']).where('entity_type', '=', 'customer').where('action', 'in', ['merge', 'merged']).orderBy('id').execute();
      t.same(audit, [
        { entity_id: acme, action: 'merge', actor_id: people.repN1.id },
        { entity_id: dup, action: 'merged', actor_id: people.repN1.id },
      ]);
    });

    await t.test('should answer the duplicate’s id with a pointer to the survivor, for those who may see it', async (t) => {
      const gone = await crm.as(rep, { method: 'GET', url: `/api/customers/${dup}` });
      t.equal(gone.statusCode, 404);
      t.match(gone.json(), { code: 'SRV_ERR_MERGED', details: { mergedIntoId: acme } });
      t.match((await crm.as(rep, { method: 'GET', url: `/api/customers/${dup}/360` })).json(), { code: 'SRV_ERR_MERGED', details: { mergedIntoId: acme } });
      t.same((await crm.as(people.repS1.token, { method: 'GET', url: `/api/customers/${dup}` })).json().code, 'SRV_ERR_NOT_FOUND', 'no pointer into a scope he cannot see');
      const again = await merge(acme, { duplicateId: dup, version: 2 });
      t.equal(again.statusCode, 409, 'merged already');
      t.same((await crm.call('GET', `/api/customers/${acme}/duplicates`)).items.map((d: { name: string }) => d.name), ['Acme South'], 'identifiers travel with the survivor');
    });

    await t.test('should merge people with their relations: re-stored canonically, the pair’s own relation dropped', async (t) => {
      const person = async (name: string) => create({ kind: 'person', name });
      const [p1, p2, p3] = [await person('Piotr'), await person('Piotr (copy)'), await person('Paula')];
      const relate = (a: string, body: object) => crm.call('POST', `/api/customers/${a}/relations`, body, rep);
      await relate(p2, { relatedId: p1, type: 'parent' });
      await relate(p2, { relatedId: p3, type: 'spouse', note: 'since 2001' });
      await relate(p3, { relatedId: p1, type: 'sibling' });
      await relate(p3, { relatedId: p2, type: 'sibling' });
      const survivor = await crm.call('GET', `/api/customers/${p1}`, undefined, rep);
      const merged = await merge(p1, { duplicateId: p2, version: survivor.version });
      t.equal(merged.statusCode, 200, merged.body);
      t.equal(merged.json().moved.relations, 1, 'spouse moved; the sibling twin and the parent link to itself are gone');
      const relations = (await crm.call('GET', `/api/customers/${p1}/relations`, undefined, rep)).items;
      t.same(relations.map((r: { relatedName: string; type: string; note: string | null }) => [r.type, r.relatedName, r.note]), [
        ['sibling', 'Paula', null],
        ['spouse', 'Paula', 'since 2001'],
      ]);
    });
  });
});
