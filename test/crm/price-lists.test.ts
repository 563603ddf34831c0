import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

const NO_ID = '00000000-0000-4000-8000-000000000000';

interface PriceList {
  id: string;
  name: string;
  version: number;
}

t.test('price lists by customer status', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    const rep = people.repN1.token;
    const as = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
      crm.as(token, { method, url, headers, ...(payload && { payload }) });
    const fieldOf = (response: { json(): { details?: { fields?: Array<{ field: string }> } } }) => response.json().details?.fields?.[0]?.field;
    const product = async (sku: string, basePrice: string, currency = 'EUR') => (await crm.call('POST', '/api/products', { sku, name: sku, unit: 'pcs', basePrice, currency })).id as string;
    const A = await product('A', '100');
    const B = await product('B', '200');
    const C = await product('C', '50', 'USD');
    const price = (id: string, query: string, token = rep) => as(token, 'GET', `/api/products/${id}/price?${query}`);
    const priceOf = async (id: string, query: string) => {
      const response = await price(id, query);
      if (response.statusCode !== 200) throw new Error(`Expected a price, but got ${response.statusCode} ${response.body}`);
      const body = response.json();
      return [body.price, body.source, body.priceList?.name ?? null];
    };

    const lists: Record<string, PriceList> = {};
    await t.test('should let admins define lists with items, refusing what cannot price', async (t) => {
      const standard = await as(crm.admin, 'POST', '/api/price-lists', { name: 'Standard 2027', currency: 'EUR', validFrom: '2027-01-01', validTo: '2027-12-31', discountPercent: '5' });
      t.equal(standard.statusCode, 201);
      t.match(standard.json(), { currency: 'EUR', customerStatuses: [], discountPercent: '5.00', itemCount: 0, version: 1 });
      t.equal(standard.headers.etag, '"1"');
      lists.standard = standard.json();
      lists.regular = await crm.call('POST', '/api/price-lists', { name: 'Regular customers', currency: 'EUR', customerStatuses: ['regular'], items: [{ productId: A, price: '80' }] });
      t.equal((lists.regular as unknown as { itemCount: number }).itemCount, 1);
      lists.regularNew = await crm.call('POST', '/api/price-lists', { name: 'Regular and new', currency: 'EUR', customerStatuses: ['regular', 'new'], discountPercent: '10' });
      lists.spring = await crm.call('POST', '/api/price-lists', {
        name: 'Spring promotion',
        currency: 'EUR',
        customerStatuses: ['regular'],
        validFrom: '2027-03-01',
        validTo: '2027-03-15',
        items: [{ productId: B, discountPercent: '25' }],
      });
      lists.usd = await crm.call('POST', '/api/price-lists', { name: 'Export USD', currency: 'USD', items: [{ productId: A, price: '120' }] });

      const cases: Array<[object, string]> = [
        [{ name: 'X', currency: 'EUR', validFrom: '2027-02-01', validTo: '2027-01-01' }, 'body.validTo'],
        [{ name: 'X', currency: 'QQQ' }, 'body.currency'],
        [{ name: 'X', currency: 'EUR', customerStatuses: ['vip'] }, 'body.customerStatuses.0'],
        [{ name: 'X', currency: 'EUR', discountPercent: '101' }, 'body.discountPercent'],
        [{ name: 'X', currency: 'EUR', items: [{ productId: A, price: '1', discountPercent: '2' }] }, 'body.items.0'],
        [{ name: 'X', currency: 'EUR', items: [{ productId: A }] }, 'body.items.0'],
        [{ name: 'X', currency: 'EUR', items: [{ productId: C, discountPercent: '5' }] }, 'body.items.0.discountPercent'],
        [{ name: 'X', currency: 'EUR', items: [{ productId: NO_ID, price: '1' }] }, 'body.items.0.productId'],
        [{ name: 'X', currency: 'EUR', items: [{ productId: A, price: '1' }, { productId: A, price: '2' }] }, 'body.items.1.productId'],
      ];
      const before = (await crm.call('GET', '/api/price-lists?limit=200')).items.length;
      for (const [body, field] of cases) {
        const response = await as(crm.admin, 'POST', '/api/price-lists', body);
        t.equal(response.statusCode, 400, field);
        t.equal(fieldOf(response), field, field);
      }
      t.equal((await as(rep, 'POST', '/api/price-lists', { name: 'Mine', currency: 'EUR' })).statusCode, 403, 'reps read, admins write');
      t.equal((await crm.call('GET', '/api/price-lists?limit=200')).items.length, before, 'nothing half-written');
    });

    await t.test('should resolve the most specific valid list and say which one gave the price', async (t) => {
      t.same(await priceOf(A, 'on=2027-02-01'), ['95.00', 'discount', 'Standard 2027'], 'no status: only lists for every status');
      t.same(await priceOf(A, 'on=2027-02-01&customerStatus=regular'), ['80.00', 'item', 'Regular customers'], 'one status beats two, two beat all');
      t.same(await priceOf(B, 'on=2027-02-01&customerStatus=regular'), ['180.00', 'discount', 'Regular and new'], 'a list without an item or discount for B does not apply');
      t.same(await priceOf(A, 'on=2027-02-01&customerStatus=new'), ['90.00', 'discount', 'Regular and new']);
      t.same(await priceOf(A, 'on=2027-02-01&customerStatus=lost'), ['95.00', 'discount', 'Standard 2027']);
      t.same(await priceOf(B, 'on=2027-03-15&customerStatus=regular'), ['150.00', 'discount', 'Spring promotion'], 'validity bounds are inclusive');
      t.same(await priceOf(B, 'on=2027-03-16&customerStatus=regular'), ['180.00', 'discount', 'Regular and new']);
      t.same(await priceOf(A, 'on=2026-12-31'), ['100.00', 'base', null], 'before any list: the base price');
      t.same(await priceOf(A, 'on=2027-02-01&currency=USD'), ['120.00', 'item', 'Export USD'], 'another currency: only its lists');
      t.same(await priceOf(C, 'on=2027-02-01'), ['50.00', 'base', null]);
      const none = await price(A, 'currency=GBP');
      t.equal(none.statusCode, 404, 'no list and the base price is in another currency');
      t.match(none.json().message, /No price for product 'A' in GBP/);
      const body = (await price(A, 'on=2027-02-01&customerStatus=regular')).json();
      t.match(body, { productId: A, basePrice: '100.00', baseCurrency: 'EUR', currency: 'EUR', customerStatus: 'regular', on: '2027-02-01', priceList: { id: lists.regular!.id } });

      // Within one audience an item beats a list-wide discount; a shorter window beats a longer one.
      const patched = await as(crm.admin, 'PATCH', `/api/price-lists/${lists.regular!.id}`, { discountPercent: '50' }, { 'if-match': '"1"' });
      t.equal(patched.statusCode, 200);
      t.equal(patched.headers.etag, '"2"');
      t.same(await priceOf(B, 'on=2027-02-01&customerStatus=regular'), ['100.00', 'discount', 'Regular customers']);
      t.same(await priceOf(A, 'on=2027-02-01&customerStatus=regular'), ['80.00', 'item', 'Regular customers']);
      t.same(await priceOf(B, 'on=2027-03-05&customerStatus=regular'), ['150.00', 'discount', 'Spring promotion'], 'same audience: the item beats the discount');
      await crm.call('POST', '/api/price-lists', { name: 'Regular March', currency: 'EUR', customerStatuses: ['regular'], validFrom: '2027-03-01', validTo: '2027-03-31', discountPercent: '1' });
      t.same(await priceOf(A, 'on=2027-03-05&customerStatus=qualified'), ['95.00', 'discount', 'Standard 2027']);
      await crm.call('POST', '/api/price-lists', { name: 'Regular week', currency: 'EUR', customerStatuses: ['regular'], validFrom: '2027-03-01', validTo: '2027-03-07', items: [{ productId: A, price: '70' }] });
      t.same(await priceOf(A, 'on=2027-03-05&customerStatus=regular'), ['70.00', 'item', 'Regular week'], 'the shorter window wins');
    });

    await t.test('should price for a customer the caller can see, by its status', async (t) => {
      const own = (await crm.call('POST', '/api/customers', { kind: 'company', name: 'Own', status: 'regular', ownerId: people.repN1.id, unitId: units.n1 }, rep)).id;
      const foreign = (await crm.call('POST', '/api/customers', { kind: 'company', name: 'Foreign', status: 'regular', ownerId: people.repS1.id, unitId: units.s1, region: 'S' })).id;
      t.same(await priceOf(A, `on=2027-02-01&customerId=${own}`), ['80.00', 'item', 'Regular customers']);
      t.equal(fieldOf(await price(A, `customerId=${foreign}`)), 'querystring.customerId', 'a customer out of scope is not revealed');
      t.equal(fieldOf(await price(A, `customerId=${own}&customerStatus=new`)), 'querystring.customerStatus');
      t.equal((await price(NO_ID, 'customerStatus=new')).statusCode, 404);
      t.equal(fieldOf(await price(A, 'on=tomorrow')), 'querystring.on');
    });

    await t.test('should set and remove single items, moving the list’s version on, and audit it', async (t) => {
      const id = lists.standard!.id;
      const put = await as(crm.admin, 'PUT', `/api/price-lists/${id}/items/${B}`, { price: '190' });
      t.equal(put.statusCode, 200);
      t.match(put.json(), { productId: B, sku: 'B', price: '190.00', discountPercent: null, effectivePrice: '190.00', basePrice: '200.00' });
      t.equal(put.headers.etag, '"2"');
      const replaced = await as(crm.admin, 'PUT', `/api/price-lists/${id}/items/${B}`, { discountPercent: '12.5' }, { 'if-match': '"2"' });
      t.match(replaced.json(), { price: null, discountPercent: '12.50', effectivePrice: '175.00' });
      t.equal((await as(crm.admin, 'PUT', `/api/price-lists/${id}/items/${B}`, { price: '1' }, { 'if-match': '"2"' })).statusCode, 409, 'stale If-Match');
      t.equal(fieldOf(await as(crm.admin, 'PUT', `/api/price-lists/${id}/items/${B}`, {})), 'body');
      t.equal(fieldOf(await as(crm.admin, 'PUT', `/api/price-lists/${id}/items/${NO_ID}`, { price: '1' })), 'params.productId');
      t.equal((await as(crm.admin, 'PUT', `/api/price-lists/${NO_ID}/items/${B}`, { price: '1' })).statusCode, 404);
      t.equal((await as(rep, 'PUT', `/api/price-lists/${id}/items/${B}`, { price: '1' })).statusCode, 403);
      await crm.call('PUT', `/api/price-lists/${id}/items/${A}`, { price: '99' });
      const page = await crm.call('GET', `/api/price-lists/${id}/items?limit=1`, undefined, rep);
      t.same(page.items.map((i: { sku: string }) => i.sku), ['A']);
      const rest = await crm.call('GET', `/api/price-lists/${id}/items?limit=1&after=${page.nextCursor}`, undefined, rep);
      t.same(rest.items.map((i: { sku: string }) => i.sku), ['B']);
      t.equal(rest.nextCursor, null);
      t.equal((await as(crm.admin, 'DELETE', `/api/price-lists/${id}/items/${A}`)).statusCode, 204);
      t.equal((await as(crm.admin, 'DELETE', `/api/price-lists/${id}/items/${A}`)).statusCode, 404);
      const list = await crm.call('GET', `/api/price-lists/${id}`, undefined, rep);
      t.match(list, { itemCount: 1, version: 5 });
      const audit = await database.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('entity_type', '=', 'price_list').where('entity_id', '=', id).orderBy('id').execute();
      t.same(audit.map((a) => a.action), ['create', 'put_item', 'put_item', 'put_item', 'delete_item']);
      t.match(audit[2], { before: { price: '190.00' }, after: { discountPercent: '12.50' } });
    });

    await t.test('should keep a list’s currency while it has items, and refuse stale versions', async (t) => {
      const regular = await crm.call('GET', `/api/price-lists/${lists.regular!.id}`);
      t.equal(fieldOf(await as(crm.admin, 'PATCH', `/api/price-lists/${regular.id}`, { currency: 'USD', version: regular.version })), 'body.currency');
      const stale = await as(crm.admin, 'PATCH', `/api/price-lists/${regular.id}`, { name: 'Renamed', version: 1 });
      t.equal(stale.statusCode, 409);
      t.match(stale.json(), { details: { currentVersion: regular.version } });
      t.equal(fieldOf(await as(crm.admin, 'PATCH', `/api/price-lists/${regular.id}`, { name: 'Renamed' })), 'body.version');
      t.equal(fieldOf(await as(crm.admin, 'PATCH', `/api/products/${A}`, { currency: 'USD', version: 1 })), undefined, 'A has only fixed prices on lists');
      t.equal(fieldOf(await as(crm.admin, 'PATCH', `/api/products/${B}`, { currency: 'USD', version: 1 })), 'body.currency', 'B is discounted on a list: its base currency is fixed');
    });

    await t.test('should list, filter and page price lists', async (t) => {
      const names = async (query: string) => (await crm.call('GET', `/api/price-lists?${query}`, undefined, rep)).items.map((l: PriceList) => l.name);
      t.same(await names(''), ['Export USD', 'Regular and new', 'Regular customers', 'Regular March', 'Regular week', 'Spring promotion', 'Standard 2027']);
      t.same(await names('q=regular%20w'), ['Regular week']);
      t.same(await names('currency=USD'), ['Export USD']);
      t.same(await names('customerStatus=new'), ['Export USD', 'Regular and new', 'Standard 2027'], 'lists for every status apply to each');
      t.same(await names('validOn=2027-03-10&customerStatus=regular&currency=EUR'), ['Regular and new', 'Regular customers', 'Regular March', 'Spring promotion', 'Standard 2027']);
      t.same(await names(`productId=${A}`), ['Export USD', 'Regular customers', 'Regular week']);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: { items: PriceList[]; nextCursor: string | null } = await crm.call('GET', `/api/price-lists?sort=-createdAt&limit=3${after ? `&after=${after}` : ''}`, undefined, rep);
        seen.push(...page.items.map((l) => l.name));
        after = page.nextCursor;
      } while (after);
      t.same(seen, ['Regular week', 'Regular March', 'Export USD', 'Spring promotion', 'Regular and new', 'Regular customers', 'Standard 2027']);
      t.equal(fieldOf(await as(rep, 'GET', '/api/price-lists?after=x')), 'querystring.after');
    });

    await t.test('should delete a list (then resolution falls back) and audit it', async (t) => {
      t.equal((await as(crm.admin, 'DELETE', `/api/price-lists/${lists.spring!.id}`, undefined, { 'if-match': '"9"' })).statusCode, 409);
      t.equal((await as(crm.admin, 'DELETE', `/api/price-lists/${lists.spring!.id}`)).statusCode, 204);
      t.equal((await as(rep, 'GET', `/api/price-lists/${lists.spring!.id}`)).statusCode, 404);
      t.same(await priceOf(B, 'on=2027-03-14&customerStatus=qualified'), ['175.00', 'discount', 'Standard 2027']);
      const audit = await database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'price_list').where('entity_id', '=', lists.spring!.id).orderBy('id').execute();
      t.same(audit.map((a) => a.action), ['create', 'delete']);
    });
  });
});
