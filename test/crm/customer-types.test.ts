import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

const institutional = {
  key: 'institutional',
  name: 'Institutional client',
  kind: 'company',
  fieldsSchema: {
    type: 'object',
    required: ['headcount'],
    additionalProperties: false,
    properties: {
      headcount: { type: 'integer', minimum: 1 },
      sector: { type: 'string', enum: ['public', 'private'] },
      branches: { type: 'array', items: { type: 'string' } },
    },
  },
};

t.test('customer types: custom fields validated against the type’s JSON Schema', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const rep = crm.people.repN1.token;
    const post = (body: object) => crm.as(rep, { method: 'POST', url: '/api/customers', payload: body });
    const count = async () => Number((await database.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    let typeId = '';
    await t.test('should let admins define a type with a schema, refusing broken schemas and duplicate keys', async (t) => {
      t.equal((await crm.as(rep, { method: 'POST', url: '/api/customer-types', payload: institutional })).statusCode, 403);
      const created = await crm.as(crm.admin, { method: 'POST', url: '/api/customer-types', payload: institutional });
      t.equal(created.statusCode, 201);
      typeId = created.json().id;
      t.same(created.json().fieldsSchema, institutional.fieldsSchema);
      t.equal((await crm.as(crm.admin, { method: 'POST', url: '/api/customer-types', payload: institutional })).statusCode, 409);
      for (const fieldsSchema of [{ type: 'array' }, { type: 'object', properties: { a: { type: 'integr' } } }, { type: 'object', requird: ['a'] }]) {
        const bad = await crm.as(crm.admin, { method: 'POST', url: '/api/customer-types', payload: { ...institutional, key: 'broken', fieldsSchema } });
        t.equal(bad.statusCode, 400, JSON.stringify(fieldsSchema));
        t.equal(bad.json().details.fields[0].field, 'body.fieldsSchema');
      }
      t.same((await crm.call('GET', '/api/customer-types', undefined, rep)).items.map((x: { key: string }) => x.key), ['institutional']);
    });

    await t.test('should validate custom fields against the type, naming each bad field, writing nothing', async (t) => {
      const ok = await post({ kind: 'company', name: 'City Hall', typeId, customFields: { headcount: 300, sector: 'public', branches: ['north'] } });
      t.equal(ok.statusCode, 201);
      t.match(ok.json(), { typeId, customFields: { headcount: 300, branches: ['north'] } });
      const before = await count();
      const bad = await post({ kind: 'company', name: 'Bad', typeId, customFields: { headcount: 0, sector: 'charity', colour: 'red' } });
      t.equal(bad.statusCode, 400);
      t.same(bad.json().details.fields.map((f: { field: string }) => f.field).sort(), ['body.customFields.colour', 'body.customFields.headcount', 'body.customFields.sector']);
      const missing = await post({ kind: 'company', name: 'Bad', typeId, customFields: {} });
      t.equal(missing.json().details.fields[0].field, 'body.customFields.headcount');
      const wrongKind = await post({ kind: 'person', name: 'Bad', typeId, customFields: { headcount: 1 } });
      t.equal(wrongKind.json().details.fields[0].field, 'body.typeId');
      const noType = await post({ kind: 'company', name: 'Bad', typeId: '00000000-0000-4000-8000-000000000000' });
      t.equal(noType.json().details.fields[0].field, 'body.typeId');
      t.equal(await count(), before);
    });

    await t.test('should re-check custom fields on update and filter by type', async (t) => {
      const listed = await crm.call('GET', `/api/customers?typeId=${typeId}`, undefined, rep);
      t.same(listed.items.map((c: { name: string }) => c.name), ['City Hall']);
      const hall = listed.items[0];
      const bad = await crm.as(rep, { method: 'PATCH', url: `/api/customers/${hall.id}`, payload: { version: hall.version, customFields: { headcount: 'many' } } });
      t.equal(bad.statusCode, 400);
      t.equal(bad.json().details.fields[0].field, 'body.customFields.headcount');
      const untyped = await crm.as(rep, { method: 'PATCH', url: `/api/customers/${hall.id}`, payload: { version: hall.version, typeId: null, customFields: { note: 'flat again' } } });
      t.equal(untyped.statusCode, 200);
      t.match(untyped.json(), { typeId: null, customFields: { note: 'flat again' }, version: hall.version + 1 });
    });
  });
});
