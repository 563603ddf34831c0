import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

t.test('contacts: people linked to companies', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    const rep = people.repN1.token;
    const create = async (body: object, token = rep) => (await crm.call('POST', '/api/customers', body, token)).id as string;
    const acme = await create({ kind: 'company', name: 'Acme' });
    const globex = await create({ kind: 'company', name: 'Globex', unitId: units.n1 });
    const jan = await create({ kind: 'person', name: 'Jan Kowalski' });
    const southern = await create({ kind: 'person', name: 'Southern Person' }, people.repS1.token);
    const link = (company: string, person: string, body: object = {}, token = rep) =>
      crm.as(token, { method: 'PUT', url: `/api/customers/${company}/contacts/${person}`, payload: body });

    await t.test('should link a person to several companies with a function, and list both ways', async (t) => {
      const first = await link(acme, jan, { function: 'CFO' });
      t.equal(first.statusCode, 200);
      t.same(first.json(), { companyId: acme, companyName: 'Acme', personId: jan, personName: 'Jan Kowalski', function: 'CFO' });
      t.equal((await link(globex, jan, { function: 'Board member' })).statusCode, 200);
      t.equal((await link(acme, jan, { function: 'CEO' })).json().function, 'CEO', 'linking again changes the function');
      const bare = await link(globex, jan, {});
      t.equal(bare.statusCode, 200, 'the function is optional');
      t.equal(bare.json().function, null);
      const companies = await crm.call('GET', `/api/customers/${jan}/contacts`, undefined, rep);
      t.same(companies.items.map((c: { companyName: string; function: string }) => [c.companyName, c.function]), [['Acme', 'CEO'], ['Globex', null]]);
      const staff = await crm.call('GET', `/api/customers/${acme}/contacts`, undefined, rep);
      t.same(staff.items.map((c: { personName: string }) => c.personName), ['Jan Kowalski']);
    });

    await t.test('should keep the scope on both ends', async (t) => {
      t.equal((await link(acme, southern)).statusCode, 404, 'a person the caller cannot see');
      const viaN1 = await crm.call('GET', `/api/customers/${jan}/contacts`, undefined, people.repN1b.token).catch((e: Error) => e);
      t.ok(viaN1 instanceof Error, 'repN1b does not see Jan (owned by repN1, no unit)');
      const globexStaff = await crm.call('GET', `/api/customers/${globex}/contacts`, undefined, people.repN1b.token);
      t.same(globexStaff.items, [], 'repN1b sees Globex (shared with N1) but not the person linked to it');
      t.equal((await link(globex, jan, {}, people.repS1.token)).statusCode, 404);
    });

    await t.test('should refuse wrong kinds naming the parameter, and audit links', async (t) => {
      const personAsCompany = await link(jan, jan);
      t.equal(personAsCompany.statusCode, 400);
      t.equal(personAsCompany.json().details.fields[0].field, 'params.id');
      const companyAsPerson = await link(acme, globex);
      t.equal(companyAsPerson.json().details.fields[0].field, 'params.personId');
      const unlinked = await crm.as(rep, { method: 'DELETE', url: `/api/customers/${globex}/contacts/${jan}` });
      t.equal(unlinked.statusCode, 204);
      t.equal((await crm.as(rep, { method: 'DELETE', url: `/api/customers/${globex}/contacts/${jan}` })).statusCode, 404);
      const audit = await crm.call('GET', `/api/audit-log?entityType=customer_contact&entityId=${acme}/${jan}`);
      t.same(audit.items.map((e: { action: string }) => e.action), ['link', 'link']);
      t.match(audit.items[0], { actorId: people.repN1.id, before: { function: 'CFO' }, after: { function: 'CEO' } });
    });
  });
});
