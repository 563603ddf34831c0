import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

const NO_ID = '00000000-0000-4000-8000-000000000000';

t.test('product lines on deals', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    const rep = people.repN1.token;
    const as = (token: string, method: 'GET' | 'PUT' | 'PATCH' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) =>
      crm.as(token, { method, url, headers, ...(payload && { payload }) });
    const fieldOf = (response: { json(): { details?: { fields?: Array<{ field: string }> } } }) => response.json().details?.fields?.[0]?.field;
    const product = async (sku: string, basePrice: string, extra: object = {}) =>
      (await crm.call('POST', '/api/products', { sku, name: `Product ${sku}`, unit: 'pcs', basePrice, currency: 'EUR', ...extra })).id as string;
    const A = await product('A', '100');
    const B = await product('B', '19.99');
    const gone = await product('GONE', '5', { active: false });
    const usd = await product('USD-1', '10', { currency: 'USD' });
    const regularList = (await crm.call('POST', '/api/price-lists', { name: 'Regular', currency: 'EUR', customerStatuses: ['regular'], items: [{ productId: A, price: '80' }] })).id;

    const customer = (await crm.call('POST', '/api/customers', { kind: 'company', name: 'Acme', status: 'regular', ownerId: people.repN1.id, unitId: units.n1 })).id;
    const pipeline = (await crm.call('POST', '/api/pipelines', { name: 'Sales', stages: [{ key: 'lead', name: 'Lead', probability: 10, expectedDays: 7 }] })).id;
    const deal = await crm.call('POST', '/api/deals', { customerId: customer, title: 'Laptops for Acme', amount: '1000', currency: 'EUR', pipelineId: pipeline }, rep);
    const lines = (body: object, headers: Record<string, string> = {}, token = rep) => as(token, 'PUT', `/api/deals/${deal.id}/lines`, body, headers);
    const state = async () => {
      const d = await crm.call('GET', `/api/deals/${deal.id}`, undefined, rep);
      const l = await crm.call('GET', `/api/deals/${deal.id}/lines`, undefined, rep);
      return { version: d.version, amount: d.amount, lines: l.lines.length };
    };

    await t.test('should start without lines', async (t) => {
      const empty = await as(rep, 'GET', `/api/deals/${deal.id}/lines`);
      t.equal(empty.statusCode, 200);
      t.same(empty.json(), { dealId: deal.id, version: 1, currency: 'EUR', amount: '1000.00', lines: [] });
      t.equal(empty.headers.etag, '"1"');
    });

    await t.test('should replace the lines, price them from the customer’s list, and make the amount their sum', async (t) => {
      const put = await lines({ version: 1, lines: [{ productId: A, quantity: '3' }, { productId: B, quantity: '2.5', unitPrice: '19.99', discountPercent: '10', description: 'Docking cables' }] });
      t.equal(put.statusCode, 200);
      t.equal(put.headers.etag, '"2"');
      const body = put.json();
      t.match(body, { dealId: deal.id, version: 2, currency: 'EUR', amount: '284.98' }, '3 × 80.00 + 2.5 × 19.99 − 10% (44.9775 → 44.98)');
      t.match(body.lines, [
        { position: 1, productId: A, sku: 'A', unit: 'pcs', quantity: '3.000', unitPrice: '80.00', discountPercent: '0.00', lineTotal: '240.00', priceListId: regularList, description: null },
        { position: 2, productId: B, quantity: '2.500', unitPrice: '19.99', discountPercent: '10.00', lineTotal: '44.98', priceListId: null, description: 'Docking cables' },
      ]);
      t.same(await state(), { version: 2, amount: '284.98', lines: 2 });
      const history = (await crm.call('GET', `/api/deals/${deal.id}/history`, undefined, rep)).items;
      t.match(history.at(-1), { change: 'update', amount: '284.98', byUserId: people.repN1.id });
      const audit = await database.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'deal').where('entity_id', '=', deal.id).where('action', '=', 'replace_lines').execute();
      t.equal(audit.length, 1);
      t.match(audit[0], { actor_id: people.repN1.id, before: { version: 1, amount: '1000.00', lines: [] }, after: { version: 2, amount: '284.98' } });
    });

    await t.test('should refuse bad lines naming the field, and stale versions, changing nothing', async (t) => {
      const before = await state();
      const cases: Array<[object, string]> = [
        [{ productId: NO_ID, quantity: '1' }, 'body.lines.0.productId'],
        [{ productId: gone, quantity: '1' }, 'body.lines.0.productId'],
        [{ productId: A, quantity: '0' }, 'body.lines.0.quantity'],
        [{ productId: A, quantity: '-1' }, 'body.lines.0.quantity'],
        [{ productId: A, quantity: '1.2345' }, 'body.lines.0.quantity'],
        [{ productId: A, quantity: '1', discountPercent: '120' }, 'body.lines.0.discountPercent'],
        [{ productId: A, quantity: '1', unitPrice: '1.001' }, 'body.lines.0.unitPrice'],
        [{ productId: usd, quantity: '1' }, 'body.lines.0.unitPrice'],
        [{ quantity: '1' }, 'body.lines.0.productId'],
      ];
      for (const [line, field] of cases) {
        const response = await lines({ version: 2, lines: [line] });
        t.equal(response.statusCode, 400, field);
        t.equal(fieldOf(response), field, field);
      }
      t.equal(fieldOf(await lines({ version: 2, lines: [{ productId: A, quantity: '99999999999', unitPrice: '999999999999' }] })), 'body.lines.0', 'a line too large for numeric(14,2)');
      const stale = await lines({ lines: [] }, { 'if-match': '"1"' });
      t.equal(stale.statusCode, 409);
      t.match(stale.json(), { details: { currentVersion: 2 } });
      t.equal(fieldOf(await lines({ lines: [] })), 'body.version');
      t.same(await state(), before);
    });

    await t.test('should let whoever may change the deal change its lines, and nobody else', async (t) => {
      t.equal((await lines({ version: 2, lines: [] }, {}, people.repS1.token)).statusCode, 404, 'out of scope: as if absent');
      t.equal((await as(people.repS1.token, 'GET', `/api/deals/${deal.id}/lines`)).statusCode, 404);
      t.equal((await as(people.n1Head.token, 'GET', `/api/deals/${deal.id}/lines`)).statusCode, 200, 'the branch head sees it');
      t.equal((await as(rep, 'PUT', `/api/deals/${NO_ID}/lines`, { version: 1, lines: [] })).statusCode, 404);
    });

    await t.test('should keep the amount following the lines', async (t) => {
      const refused = await as(rep, 'PATCH', `/api/deals/${deal.id}`, { amount: '5', version: 2 });
      t.equal(refused.statusCode, 409, 'the amount follows the lines');
      t.equal((await as(rep, 'PATCH', `/api/deals/${deal.id}`, { currency: 'USD', version: 2 })).statusCode, 409, 'so does the currency');
      const same = await as(rep, 'PATCH', `/api/deals/${deal.id}`, { amount: '284.980', title: 'Laptops for Acme (10)', version: 2 });
      t.equal(same.statusCode, 400, 'the schema still refuses three decimals');
      const renamed = await as(rep, 'PATCH', `/api/deals/${deal.id}`, { amount: '284.98', title: 'Laptops for Acme (10)', version: 2 });
      t.equal(renamed.statusCode, 200, 'an unchanged amount goes through with other changes');
      t.equal(renamed.json().version, 3);

      await crm.call('PATCH', `/api/products/${A}`, { active: false, version: 1 });
      const kept = await lines({ version: 3, lines: [{ productId: A, quantity: '1', unitPrice: '75' }] });
      t.equal(kept.statusCode, 200, 'a product made inactive may stay on a deal that has it');
      t.match(kept.json(), { amount: '75.00', version: 4, lines: [{ unitPrice: '75.00', priceListId: null, lineTotal: '75.00' }] });

      const cleared = await lines({ version: 4, lines: [] });
      t.match(cleared.json(), { amount: '75.00', version: 5, lines: [] }, 'without lines the amount stays as it was');
      t.equal(fieldOf(await lines({ version: 5, lines: [{ productId: A, quantity: '1' }] })), 'body.lines.0.productId', 'once removed, an inactive product cannot come back');
      const manual = await as(rep, 'PATCH', `/api/deals/${deal.id}`, { amount: '500', version: 5 });
      t.equal(manual.statusCode, 200, 'without lines the amount is the rep’s again');
    });

    await t.test('should refuse line changes on a closed deal', async (t) => {
      const current = await crm.call('GET', `/api/deals/${deal.id}`, undefined, rep);
      await crm.call('POST', `/api/deals/${deal.id}/close`, { outcome: 'won', reason: 'Signed', version: current.version }, rep);
      const closed = await lines({ version: current.version + 1, lines: [{ productId: B, quantity: '1' }] });
      t.equal(closed.statusCode, 409);
      t.match(closed.json().message, /reopen/);
    });
  });
});
