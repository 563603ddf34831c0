import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

t.test('customers', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    const rep = people.repN1.token;
    const post = (body: object, token = rep) => crm.as(token, { method: 'POST', url: '/api/customers', payload: body });
    const customerCount = async () => Number((await database.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const names = (reply: { json(): { items: Array<{ name: string }> } }) => reply.json().items.map((c) => c.name);

    let acme: { id: string; version: number };
    await t.test('should create a company with contact points, one primary each, owned by the caller', async (t) => {
      const response = await post({
        kind: 'company',
        name: 'Acme Sp. z o.o.',
        emails: [{ value: 'office@acme.test' }, { value: 'sales@acme.test', primary: true }],
        phones: [{ value: '+48 500 100 200' }],
        addresses: [{ label: 'seat', street: 'Długa 1', city: 'Gdańsk', country: 'PL' }],
        status: 'qualified',
        categories: ['vip', 'hot'],
        unitId: units.n1,
        region: 'N',
        source: 'trade fair',
        taxId: 'PL 585-000-11-22',
        customFields: { headcount: 120, listed: false },
      });
      t.equal(response.statusCode, 201);
      acme = response.json();
      t.match(acme, {
        kind: 'company',
        emails: [{ value: 'office@acme.test', primary: false }, { value: 'sales@acme.test', primary: true }],
        phones: [{ value: '+48 500 100 200', primary: true }],
        ownerId: people.repN1.id,
        version: 1,
        customFields: { headcount: 120, listed: false },
        possibleDuplicates: [],
      });
      t.equal(response.headers.etag, '"1"');
    });

    await t.test('should flag possible duplicates by e-mail, phone or tax id and still create', async (t) => {
      const twin = await post({ kind: 'company', name: 'ACME (branch)', emails: [{ value: 'SALES@acme.test' }], phones: [{ value: '48500100200' }], taxId: 'pl5850001122' });
      t.equal(twin.statusCode, 201);
      t.same(twin.json().possibleDuplicates, [{ id: acme.id, name: 'Acme Sp. z o.o.', matchedOn: ['email', 'phone', 'taxId'] }]);
      const stranger = await post({ kind: 'person', name: 'Someone South', emails: [{ value: 'office@acme.test' }] }, people.repS1.token);
      t.equal(stranger.statusCode, 201);
      t.same(stranger.json().possibleDuplicates, [{ id: acme.id, name: null, matchedOn: ['email'] }], 'outside the caller’s scope: flagged without the name');
    });

    await t.test('should name the bad field and write nothing', async (t) => {
      const before = await customerCount();
      const cases: Array<[object, string]> = [
        [{ kind: 'robot', name: 'X' }, 'body.kind'],
        [{ kind: 'person' }, 'body.name'],
        [{ kind: 'person', name: 'X', emails: [{ value: 'not-an-email' }] }, 'body.emails.0.value'],
        [{ kind: 'person', name: 'X', emails: [{ value: 'a@x.test', primary: true }, { value: 'b@x.test', primary: true }] }, 'body.emails'],
        [{ kind: 'person', name: 'X', phones: [{ value: 'call me' }] }, 'body.phones.0.value'],
        [{ kind: 'person', name: 'X', status: 'vip' }, 'body.status'],
        [{ kind: 'person', name: 'X', taxId: '123' }, 'body.taxId'],
        [{ kind: 'person', name: 'X', ownerId: '00000000-0000-4000-8000-000000000000' }, 'body.ownerId'],
        [{ kind: 'person', name: 'X', unitId: '00000000-0000-4000-8000-000000000000' }, 'body.unitId'],
        [{ kind: 'person', name: 'X', customFields: { nested: { no: 1 } } }, 'body.customFields.nested'],
        [{ kind: 'person', name: 'X', customFields: { 'bad key': 1 } }, 'body.customFields'],
        [{ kind: 'person', name: 'X', shoeSize: 44 }, 'body.shoeSize'],
      ];
      for (const [body, field] of cases) {
        const response = await post(body);
        t.equal(response.statusCode, 400, field);
        t.equal(response.json().code, 'SRV_ERR_VALIDATION');
        t.equal(response.json().details?.fields?.[0]?.field, field, field);
      }
      t.equal(await customerCount(), before);
    });

    await t.test('should filter, search, sort and page with a keyset cursor', async (t) => {
      for (const [name, status, categories] of [
        ['Beta Bakery', 'new', ['food']],
        ['alpha Analytics', 'regular', ['it', 'hot']],
        ['Gamma Gears', 'lost', ['industry']],
        ['Delta Dairy', 'regular', ['food', 'hot']],
      ] as const) {
        await post({ kind: 'company', name, status, categories, emails: [{ value: `info@${name.split(' ')[0]!.toLowerCase()}.test` }], phones: [{ value: `+48 600 ${name.length} 000` }] });
      }
      const byName = await crm.as(rep, { method: 'GET', url: '/api/customers?limit=3' });
      t.same(names(byName), ['ACME (branch)', 'Acme Sp. z o.o.', 'alpha Analytics'], 'case-insensitive name order');
      const page2 = await crm.as(rep, { method: 'GET', url: `/api/customers?limit=3&after=${byName.json().nextCursor}` });
      t.same(names(page2), ['Beta Bakery', 'Delta Dairy', 'Gamma Gears']);
      t.equal(page2.json().nextCursor, null);
      const desc = await crm.as(rep, { method: 'GET', url: '/api/customers?sort=-name&limit=2' });
      t.same(names(desc), ['Gamma Gears', 'Delta Dairy']);
      const newest = await crm.as(rep, { method: 'GET', url: '/api/customers?sort=-createdAt&limit=2' });
      t.same(names(newest), ['Delta Dairy', 'Gamma Gears']);
      const older = await crm.as(rep, { method: 'GET', url: `/api/customers?sort=-createdAt&limit=10&after=${newest.json().nextCursor}` });
      t.same(names(older), ['alpha Analytics', 'Beta Bakery', 'ACME (branch)', 'Acme Sp. z o.o.']);

      t.same(names(await crm.as(rep, { method: 'GET', url: '/api/customers?status=regular' })), ['alpha Analytics', 'Delta Dairy']);
      t.same(names(await crm.as(rep, { method: 'GET', url: '/api/customers?status=lost&status=new' })), ['ACME (branch)', 'Beta Bakery', 'Gamma Gears'], 'several statuses');
      t.same(names(await crm.as(rep, { method: 'GET', url: '/api/customers?category=hot' })), ['Acme Sp. z o.o.', 'alpha Analytics', 'Delta Dairy']);
      t.same(names(await crm.as(rep, { method: 'GET', url: '/api/customers?category=hot&category=food' })), ['Delta Dairy'], 'all the categories');
      t.same(names(await crm.as(rep, { method: 'GET', url: `/api/customers?ownerId=${people.repN1.id}&kind=company&q=acme` })), ['ACME (branch)', 'Acme Sp. z o.o.']);
      t.same(names(await crm.as(rep, { method: 'GET', url: '/api/customers?q=ALPHA' })), ['alpha Analytics'], 'name prefix');
      t.same(names(await crm.as(rep, { method: 'GET', url: '/api/customers?q=info@delta' })), ['Delta Dairy'], 'e-mail prefix');
      t.same(names(await crm.as(rep, { method: 'GET', url: `/api/customers?q=${encodeURIComponent('+48 500 1')}` })), ['ACME (branch)', 'Acme Sp. z o.o.'], 'phone digits');
      t.same(names(await crm.as(rep, { method: 'GET', url: '/api/customers?q=%25' })), [], 'wildcards are literal');

      const wrongCursor = await crm.as(rep, { method: 'GET', url: `/api/customers?sort=name&after=${newest.json().nextCursor}` });
      t.equal(wrongCursor.statusCode, 400);
      t.equal(wrongCursor.json().details.fields[0].field, 'querystring.after');
      t.equal((await crm.as(rep, { method: 'GET', url: '/api/customers?after=garbage' })).statusCode, 400);
      t.equal((await crm.as(rep, { method: 'GET', url: '/api/customers?sort=shoeSize' })).json().details.fields[0].field, 'querystring.sort');
    });

    await t.test('should update under optimistic concurrency (If-Match or version) and audit before/after', async (t) => {
      const patch = (body: object, headers: Record<string, string> = {}) => crm.as(rep, { method: 'PATCH', url: `/api/customers/${acme.id}`, payload: body, headers });
      const first = await patch({ status: 'regular', categories: ['vip'] }, { 'if-match': '"1"' });
      t.equal(first.statusCode, 200);
      t.match(first.json(), { status: 'regular', categories: ['vip'], version: 2, name: 'Acme Sp. z o.o.' });
      t.equal(first.headers.etag, '"2"');

      const stale = await patch({ status: 'lost', version: 1 });
      t.equal(stale.statusCode, 409);
      t.match(stale.json(), { code: 'SRV_ERR_CONFLICT', details: { currentVersion: 2 } });
      const missing = await patch({ status: 'lost' });
      t.equal(missing.statusCode, 400);
      t.equal(missing.json().details.fields[0].field, 'body.version');
      const badHeader = await patch({ status: 'lost' }, { 'if-match': '*' });
      t.equal(badHeader.json().details.fields[0].field, 'headers.if-match');
      const badPrimary = await patch({ version: 2, phones: [{ value: '111 222', primary: true }, { value: '333 444', primary: true }] });
      t.equal(badPrimary.json().details.fields[0].field, 'body.phones');
      const current = await crm.call('GET', `/api/customers/${acme.id}`, undefined, rep);
      t.match(current, { status: 'regular', version: 2 }, 'refused changes wrote nothing');

      const second = await patch({ emails: [{ value: 'new@acme.test' }], taxId: null, version: 2 });
      t.equal(second.statusCode, 200);
      t.same(names(await crm.as(rep, { method: 'GET', url: '/api/customers?q=sales@acme' })), ['ACME (branch)'], 'search follows the new e-mails');
      const audit = await crm.call('GET', `/api/audit-log?entityType=customer&entityId=${acme.id}`);
      t.same(audit.items.map((e: { action: string }) => e.action), ['update', 'update', 'create']);
      t.match(audit.items[1], { actorId: people.repN1.id, onBehalfOfId: null, before: { status: 'qualified', version: 1 }, after: { status: 'regular', version: 2 } });
      t.equal((await crm.as(rep, { method: 'PATCH', url: '/api/customers/00000000-0000-4000-8000-000000000000', payload: { version: 1, status: 'lost' } })).statusCode, 404);
    });

    await t.test('should document the routes in the OpenAPI document', async (t) => {
      const spec = (await crm.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      for (const [path, method] of [['/api/customers', 'get'], ['/api/customers', 'post'], ['/api/customers/{id}', 'patch'], ['/api/org-units', 'post'], ['/api/substitutions', 'post']] as const) {
        t.ok(spec.paths[path]?.[method], `${method} ${path}`);
        t.same(spec.paths[path][method].security, [{ bearerAuth: [] }]);
      }
    });
  });
});
