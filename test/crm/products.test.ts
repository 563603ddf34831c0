import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';
import { planOf } from './helpers/query-plan.js';

const NO_ID = '00000000-0000-4000-8000-000000000000';

const electronics = {
  key: 'electronics',
  name: 'Electronics',
  fieldsSchema: {
    type: 'object',
    required: ['brand'],
    properties: { brand: { type: 'string', title: 'Brand' }, warrantyMonths: { type: 'integer', minimum: 0, title: 'Warranty (months)' } },
  },
};
const laptopFields = {
  type: 'object',
  required: ['ramGb'],
  additionalProperties: false,
  properties: { ramGb: { type: 'integer', minimum: 1, title: 'RAM (GB)' }, screenInches: { type: 'number' }, ports: { type: 'array', items: { type: 'string' } } },
};

interface Product {
  id: string;
  sku: string;
  name: string;
  version: number;
  basePrice: string;
}

t.test('products and product categories', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const rep = crm.people.repN1.token;
    const as = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
      crm.as(token, { method, url, headers, ...(payload && { payload }) });
    const count = async (table: 'products' | 'product_categories') =>
      Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const fieldOf = (response: { json(): { details?: { fields?: Array<{ field: string }> } } }) => response.json().details?.fields?.[0]?.field;

    let electronicsId = '';
    let laptopsId = '';
    let phonesId = '';
    await t.test('should build a category tree whose subcategories inherit and add fields', async (t) => {
      t.equal((await as(rep, 'POST', '/api/product-categories', electronics)).statusCode, 403, 'reps read, admins write');
      const root = await as(crm.admin, 'POST', '/api/product-categories', electronics);
      t.equal(root.statusCode, 201);
      electronicsId = root.json().id;
      t.equal(root.headers.etag, '"1"');
      const laptops = await as(crm.admin, 'POST', '/api/product-categories', { key: 'laptops', name: 'Laptops', parentId: electronicsId, fieldsSchema: laptopFields });
      t.equal(laptops.statusCode, 201);
      laptopsId = laptops.json().id;
      phonesId = (await crm.call('POST', '/api/product-categories', { key: 'phones', name: 'Phones', parentId: electronicsId })).id;
      const got = await crm.call('GET', `/api/product-categories/${laptopsId}`, undefined, rep);
      t.match(got, { key: 'laptops', parentId: electronicsId, path: `/${electronicsId}/${laptopsId}/`, fieldsSchema: laptopFields });
      t.same(Object.keys(got.effectiveSchema.properties), ['brand', 'warrantyMonths', 'ramGb', 'screenInches', 'ports'], 'inherited fields first');
      t.same(got.effectiveSchema.required, ['brand', 'ramGb']);
      t.equal(got.effectiveSchema.additionalProperties, false);
      const listed = await crm.call('GET', `/api/product-categories?under=${electronicsId}`, undefined, rep);
      t.same(listed.items.map((c: { key: string }) => c.key).slice(0, 1), ['electronics'], 'tree order: the root first');
      t.equal(listed.items.length, 3);
      t.same((await crm.call('GET', '/api/product-categories?q=LAP', undefined, rep)).items.map((c: { key: string }) => c.key), ['laptops']);
      const paged = await crm.call('GET', '/api/product-categories?limit=2', undefined, rep);
      t.equal(paged.items.length, 2);
      const rest = await crm.call('GET', `/api/product-categories?limit=2&after=${paged.nextCursor}`, undefined, rep);
      t.same(rest.items.length, 1);
      t.equal(rest.nextCursor, null);
    });

    await t.test('should refuse schemas that do not compile or do not merge, naming the problem', async (t) => {
      const before = await count('product_categories');
      const cases: Array<[object, string]> = [
        [{ key: 'bad', name: 'Bad', fieldsSchema: { type: 'array' } }, 'body.fieldsSchema'],
        [{ key: 'bad', name: 'Bad', fieldsSchema: { type: 'object', properties: { a: { type: 'integr' } } } }, 'body.fieldsSchema'],
        [{ key: 'bad', name: 'Bad', fieldsSchema: { type: 'object', allOf: [] } }, 'body.fieldsSchema.allOf'],
        [{ key: 'bad', name: 'Bad', fieldsSchema: { type: 'object', additionalProperties: { type: 'string' } } }, 'body.fieldsSchema.additionalProperties'],
        [{ key: 'bad', name: 'Bad', parentId: laptopsId, fieldsSchema: { type: 'object', properties: { brand: { type: 'integer' } } } }, 'body.fieldsSchema.properties.brand'],
        [{ key: 'bad', name: 'Bad', parentId: NO_ID }, 'body.parentId'],
        [{ key: 'Bad Key', name: 'Bad' }, 'body.key'],
      ];
      for (const [body, field] of cases) {
        const response = await as(crm.admin, 'POST', '/api/product-categories', body);
        t.equal(response.statusCode, 400, field);
        t.equal(fieldOf(response), field, field);
      }
      t.equal((await as(crm.admin, 'POST', '/api/product-categories', electronics)).statusCode, 409, 'duplicate key');
      t.equal(await count('product_categories'), before);
    });

    const products: Record<string, Product> = {};
    const laptop = (sku: string, name: string, basePrice: string, attributes: object, extra: object = {}) => ({
      sku,
      name,
      unit: 'pcs',
      basePrice,
      currency: 'EUR',
      categoryId: laptopsId,
      attributes,
      ...extra,
    });
    await t.test('should add products whose attributes fit the category’s effective schema', async (t) => {
      const created = await as(crm.admin, 'POST', '/api/products', laptop('TP-X1', 'ThinkPad X1', '1899.5', { brand: 'Lenovo', ramGb: 16, ports: ['usb-c', 'hdmi'] }, { description: 'Light' }));
      t.equal(created.statusCode, 201);
      t.match(created.json(), { sku: 'TP-X1', basePrice: '1899.50', currency: 'EUR', unit: 'pcs', active: true, version: 1, categoryId: laptopsId, description: 'Light' });
      t.equal(created.headers.etag, '"1"');
      products.x1 = created.json();
      products.t14 = await crm.call('POST', '/api/products', laptop('TP-T14', 'ThinkPad T14', '1299', { brand: 'Lenovo', ramGb: 32, ports: ['usb-c'], warrantyMonths: 36 }));
      products.xps = await crm.call('POST', '/api/products', laptop('DL-XPS13', 'XPS 13', '1499.99', { brand: 'Dell', ramGb: 16, screenInches: 13.4 }));
      products.pixel = await crm.call('POST', '/api/products', { sku: 'PX-9', name: 'Pixel 9', unit: 'pcs', basePrice: '799', currency: 'EUR', categoryId: phonesId, attributes: { brand: 'Google', colour: 'obsidian' } });
      products.cable = await crm.call('POST', '/api/products', { sku: 'CAB-1', name: 'USB-C cable', unit: 'pcs', basePrice: 9.9, currency: 'EUR', attributes: { lengthM: 1 } });
      products.old = await crm.call('POST', '/api/products', { sku: 'OLD-1', name: 'Thinkpad T400', unit: 'pcs', basePrice: '100', currency: 'USD', active: false });
      t.equal(products.cable!.basePrice, '9.90', 'a JSON number is taken as a decimal');
      t.equal((await crm.call('GET', `/api/products/${products.x1!.id}`, undefined, rep)).name, 'ThinkPad X1', 'every signed-in user reads');
    });

    await t.test('should refuse bad products naming each field, and duplicate SKUs whatever their case', async (t) => {
      const before = await count('products');
      const bad = await as(crm.admin, 'POST', '/api/products', laptop('BAD-1', 'Bad', '1', { brand: 7, colour: 'red' }));
      t.equal(bad.statusCode, 400);
      t.same(bad.json().details.fields.map((f: { field: string }) => f.field).sort(), ['body.attributes.brand', 'body.attributes.colour', 'body.attributes.ramGb']);
      const cases: Array<[object, string]> = [
        [laptop('BAD-2', 'Bad', '1', { brand: 'x', ramGb: 0 }), 'body.attributes.ramGb'],
        [laptop('BAD-3', 'Bad', '1.234', { brand: 'x', ramGb: 1 }), 'body.basePrice'],
        [laptop('BAD-4', 'Bad', '1', { brand: 'x', ramGb: 1 }, { currency: 'QQQ' }), 'body.currency'],
        [laptop('BAD-5', 'Bad', '1', {}, { categoryId: NO_ID }), 'body.categoryId'],
        [laptop('bad sku', 'Bad', '1', { brand: 'x', ramGb: 1 }), 'body.sku'],
        [{ sku: 'BAD-6', name: 'Bad', unit: 'pcs', basePrice: '1', currency: 'EUR', attributes: { nested: { a: 1 } } }, 'body.attributes.nested'],
        [{ sku: 'BAD-7', name: 'Bad', basePrice: '1', currency: 'EUR' }, 'body.unit'],
      ];
      for (const [body, field] of cases) {
        const response = await as(crm.admin, 'POST', '/api/products', body);
        t.equal(response.statusCode, 400, field);
        t.equal(fieldOf(response), field, field);
      }
      const duplicate = await as(crm.admin, 'POST', '/api/products', laptop('tp-x1', 'Copy', '1', { brand: 'x', ramGb: 1 }));
      t.equal(duplicate.statusCode, 409);
      t.match(duplicate.json().message, /SKU 'tp-x1' already exists/);
      t.equal((await as(rep, 'POST', '/api/products', laptop('REP-1', 'Rep', '1', { brand: 'x', ramGb: 1 }))).statusCode, 403);
      t.equal(await count('products'), before);
    });

    await t.test('should change a product under optimistic concurrency and audit it', async (t) => {
      const id = products.xps!.id;
      const stale = await as(crm.admin, 'PATCH', `/api/products/${id}`, { name: 'XPS 13 Plus', version: 7 });
      t.equal(stale.statusCode, 409);
      t.match(stale.json(), { details: { currentVersion: 1 } });
      t.equal(fieldOf(await as(crm.admin, 'PATCH', `/api/products/${id}`, { name: 'XPS 13 Plus' })), 'body.version');
      const changed = await as(crm.admin, 'PATCH', `/api/products/${id}`, { name: 'XPS 13 Plus', basePrice: '1599' }, { 'if-match': '"1"' });
      t.equal(changed.statusCode, 200);
      t.match(changed.json(), { name: 'XPS 13 Plus', basePrice: '1599.00', version: 2 });
      t.equal(changed.headers.etag, '"2"');
      const recategorised = await as(crm.admin, 'PATCH', `/api/products/${id}`, { categoryId: phonesId, attributes: { ramGb: 16 }, version: 2 });
      t.equal(fieldOf(recategorised), 'body.attributes.brand', 'a new category checks the attributes anew');
      t.equal((await as(crm.admin, 'PATCH', `/api/products/${products.t14!.id}`, { sku: 'TP-X1', version: 1 })).statusCode, 409, 'SKU taken');
      t.equal((await as(rep, 'PATCH', `/api/products/${id}`, { name: 'Rep', version: 2 })).statusCode, 403);
      const audit = await database.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'product').where('entity_id', '=', id).orderBy('id').execute();
      t.same(audit.map((a) => a.action), ['create', 'update']);
      t.match(audit[1], { before: { name: 'XPS 13', basePrice: '1499.99' }, after: { name: 'XPS 13 Plus', basePrice: '1599.00' } });
    });

    await t.test('should search by name or SKU prefix, filter, sort and page', async (t) => {
      const names = async (query: string) => (await crm.call('GET', `/api/products?${query}`, undefined, rep)).items.map((p: Product) => p.sku);
      t.same(await names('q=thinkpad'), ['TP-T14', 'OLD-1', 'TP-X1'], 'name prefix, any case, sorted by name');
      t.same(await names('q=tp-'), ['TP-T14', 'TP-X1'], 'SKU prefix');
      t.same(await names('q=50%25'), [], 'wildcards are literal');
      t.same(await names(`categoryId=${electronicsId}&sort=sku`), ['DL-XPS13', 'PX-9', 'TP-T14', 'TP-X1'], 'a category includes its subcategories');
      t.same(await names(`categoryId=${laptopsId}&sort=-basePrice`), ['TP-X1', 'DL-XPS13', 'TP-T14']);
      t.same(await names('active=false'), ['OLD-1']);
      t.same(await names('currency=USD'), ['OLD-1']);
      t.same(await names('attr.ramGb=16&sort=sku'), ['DL-XPS13', 'TP-X1'], 'a number attribute matches its text');
      t.same(await names('attr.brand=Lenovo&attr.warrantyMonths=36'), ['TP-T14'], 'filters combine');
      t.same(await names('attr.ports=hdmi'), ['TP-X1'], 'a list attribute matches a member');
      t.same(await names('attr.brand=lenovo'), [], 'attribute values compare exactly');
      const bad = await as(rep, 'GET', '/api/products?colour=red');
      t.equal(bad.statusCode, 400, 'unknown parameters are refused (attributes go as attr.<name>)');
      t.equal(fieldOf(await as(rep, 'GET', `/api/products?categoryId=${NO_ID}`)), 'querystring.categoryId');

      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: { items: Product[]; nextCursor: string | null } = await crm.call('GET', `/api/products?sort=-basePrice&limit=2${after ? `&after=${after}` : ''}`, undefined, rep);
        t.ok(page.items.length <= 2);
        seen.push(...page.items.map((p) => p.sku));
        after = page.nextCursor;
      } while (after);
      t.same(seen, ['TP-X1', 'DL-XPS13', 'TP-T14', 'PX-9', 'OLD-1', 'CAB-1'], 'keyset pages cover the list once, in order');
      const first = await crm.call('GET', '/api/products?sort=name&limit=1', undefined, rep);
      t.equal(fieldOf(await as(rep, 'GET', `/api/products?sort=sku&after=${first.nextCursor}`)), 'querystring.after', 'a cursor of another sort');
      t.equal(fieldOf(await as(rep, 'GET', '/api/products?after=garbage')), 'querystring.after');
    });

    await t.test('should compare products side by side, flagging the rows that differ', async (t) => {
      const ids = [products.x1!.id, products.t14!.id, products.pixel!.id];
      const compared = await crm.call('GET', `/api/products/compare?ids=${ids.join(',')}&customerStatus=regular`, undefined, rep);
      t.same(compared.products.map((p: { sku: string }) => p.sku), ['TP-X1', 'TP-T14', 'PX-9'], 'in the order asked');
      t.match(compared.products[0], { basePrice: '1899.50', currency: 'EUR', price: { price: '1899.50', source: 'base', priceList: null } });
      t.equal(compared.customerStatus, 'regular');
      const rows = Object.fromEntries(compared.attributes.map((a: { name: string }) => [a.name, a]));
      t.same(compared.attributes.map((a: { name: string }) => a.name), ['brand', 'warrantyMonths', 'ramGb', 'screenInches', 'ports', 'colour']);
      t.same(rows.brand, { name: 'brand', title: 'Brand', values: ['Lenovo', 'Lenovo', 'Google'], differing: true });
      t.same(rows.warrantyMonths, { name: 'warrantyMonths', title: 'Warranty (months)', values: [null, 36, null], differing: true });
      t.same(rows.screenInches.differing, false, 'unset everywhere: no difference');
      t.equal(rows.ramGb.title, 'RAM (GB)');
      const two = await crm.call('GET', `/api/products/compare?ids=${products.x1!.id},${products.xps!.id}`, undefined, rep);
      t.equal(two.attributes.find((a: { name: string }) => a.name === 'ramGb').differing, false);
      const cases: Array<[string, number, string | undefined]> = [
        [`ids=${products.x1!.id}`, 400, 'querystring.ids'],
        [`ids=${products.x1!.id},${products.x1!.id}`, 400, 'querystring.ids'],
        [`ids=${Object.values(products).map((p) => p.id).join(',')}`, 400, 'querystring.ids'],
        [`ids=${products.x1!.id},nope`, 400, 'querystring.ids'],
        [`ids=${products.x1!.id},${NO_ID}`, 404, undefined],
        [`ids=${ids.join(',')}&customerStatus=vip`, 400, 'querystring.customerStatus'],
      ];
      for (const [query, status, field] of cases) {
        const response = await as(rep, 'GET', `/api/products/compare?${query}`);
        t.equal(response.statusCode, status, query);
        t.equal(fieldOf(response), field, query);
      }
    });

    await t.test('should print a product sheet as escaped HTML with titled attributes', async (t) => {
      const sheet = await as(rep, 'GET', `/api/products/${products.t14!.id}/sheet?customerStatus=regular`);
      t.equal(sheet.statusCode, 200);
      t.match(sheet.headers['content-type'], /^text\/html/);
      t.match(sheet.body, /<h1>ThinkPad T14<\/h1>/);
      t.match(sheet.body, /Electronics › Laptops/);
      t.match(sheet.body, /<th>Warranty \(months\)<\/th><td>36<\/td>/);
      t.match(sheet.body, /<th>Ports<\/th>|<th>ports<\/th><td>usb-c<\/td>/);
      t.match(sheet.body, /1299.00 EUR/);
      const tricky = await crm.call('POST', '/api/products', { sku: 'XSS-1', name: '<script>alert(1)</script>', unit: 'pcs', basePrice: '1', currency: 'EUR' });
      const escaped = await as(rep, 'GET', `/api/products/${tricky.id}/sheet`);
      t.notMatch(escaped.body, /<script>/);
      t.match(escaped.body, /&lt;script&gt;/);
      t.equal((await as(rep, 'GET', `/api/products/${NO_ID}/sheet`)).statusCode, 404);
    });

    await t.test('should re-check every product of the subtree when a category’s fields or parent change', async (t) => {
      const required = { ...electronics.fieldsSchema, required: ['brand', 'energyClass'], properties: { ...electronics.fieldsSchema.properties, energyClass: { type: 'string', enum: ['A', 'B', 'C'] } } };
      const refused = await as(crm.admin, 'PATCH', `/api/product-categories/${electronicsId}`, { fieldsSchema: required, version: 1 });
      t.equal(refused.statusCode, 409);
      t.equal(refused.json().details.products.length, 4, 'every product of the subtree lacks energyClass');
      t.match(refused.json().details.products[0].fields[0], { field: 'attributes.energyClass' });
      const clash = await as(crm.admin, 'PATCH', `/api/product-categories/${electronicsId}`, { fieldsSchema: { type: 'object', properties: { ramGb: { type: 'string' } } }, version: 1 });
      t.equal(clash.statusCode, 409, 'a subcategory already defines ramGb');
      const optional = { ...electronics.fieldsSchema, properties: { ...electronics.fieldsSchema.properties, energyClass: { type: 'string', enum: ['A', 'B', 'C'] } } };
      const added = await as(crm.admin, 'PATCH', `/api/product-categories/${electronicsId}`, { fieldsSchema: optional }, { 'if-match': '"1"' });
      t.equal(added.statusCode, 200);
      t.equal(added.json().version, 2);
      t.ok((await crm.call('GET', `/api/product-categories/${laptopsId}`)).effectiveSchema.properties.energyClass, 'the new field reaches subcategories');
      const badValue = await as(crm.admin, 'PATCH', `/api/products/${products.x1!.id}`, { attributes: { brand: 'Lenovo', ramGb: 16, energyClass: 'Z' }, version: 1 });
      t.equal(fieldOf(badValue), 'body.attributes.energyClass');

      const cycle = await as(crm.admin, 'PATCH', `/api/product-categories/${electronicsId}`, { parentId: laptopsId, version: 2 });
      t.equal(cycle.statusCode, 409);
      const moved = await as(crm.admin, 'PATCH', `/api/product-categories/${laptopsId}`, { parentId: null, name: 'Notebooks', version: 1 });
      t.equal(moved.statusCode, 409, 'laptops would lose brand (a required inherited field): their products still validate, but additionalProperties:false refuses brand');
      const renamed = await as(crm.admin, 'PATCH', `/api/product-categories/${laptopsId}`, { name: 'Notebooks', version: 1 });
      t.match(renamed.json(), { name: 'Notebooks', version: 2, path: `/${electronicsId}/${laptopsId}/` });

      t.equal((await as(crm.admin, 'DELETE', `/api/product-categories/${electronicsId}`)).statusCode, 409, 'not empty');
      const spare = await crm.call('POST', '/api/product-categories', { key: 'spare', name: 'Spare', parentId: electronicsId });
      t.equal((await as(rep, 'DELETE', `/api/product-categories/${spare.id}`)).statusCode, 403);
      t.equal((await as(crm.admin, 'DELETE', `/api/product-categories/${spare.id}`)).statusCode, 204);
      t.equal((await as(rep, 'GET', `/api/product-categories/${spare.id}`)).statusCode, 404);
      const audit = await database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'product_category').where('entity_id', '=', spare.id).orderBy('id').execute();
      t.same(audit.map((a) => a.action), ['create', 'delete']);
    });

    await t.test('should publish every products route in the OpenAPI document', async (t) => {
      const spec = (await crm.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      const routes: Array<[string, string]> = [
        ['/api/products', 'get'],
        ['/api/products', 'post'],
        ['/api/products/{id}', 'patch'],
        ['/api/products/compare', 'get'],
        ['/api/products/{id}/price', 'get'],
        ['/api/product-categories', 'post'],
        ['/api/product-categories/{id}', 'delete'],
        ['/api/price-lists', 'get'],
        ['/api/price-lists/{id}/items/{productId}', 'put'],
        ['/api/deals/{id}/lines', 'put'],
      ];
      for (const [path, method] of routes) {
        t.ok(spec.paths[path]?.[method], `${method} ${path}`);
        t.same(spec.paths[path]?.[method]?.security, [{ bearerAuth: [] }], `${method} ${path} needs a session`);
      }
    });

    await t.test('should serve search, filters and pages from indexes', async (t) => {
      const cases: Array<[string, string, RegExp]> = [
        ['name prefix', `select id from products where lower(name) like 'thin%'`, /products_name_prefix_idx|products_name_sort_idx/],
        ['sku prefix', `select id from products where lower(sku) like 'tp-%'`, /products_sku_key|products_sku_sort_idx/],
        ['attribute equality', `select id from products where attributes @> '{"brand":"Lenovo"}'`, /products_attributes_idx/],
        ['category subtree', `select id from product_categories where path like '/${electronicsId}/%'`, /product_categories_path_prefix_idx/],
        ['page by price', `select id from products order by base_price desc, id desc limit 50`, /products_price_sort_idx/],
        ['page by name', `select id from products where (lower(name), id) > ('m', '${NO_ID}') order by lower(name), id limit 50`, /products_name_sort_idx/],
      ];
      for (const [what, query, index] of cases) t.match(await planOf(database.db, query), index, what);
    });
  });
});
