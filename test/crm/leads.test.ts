import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';
import { planOf } from './helpers/query-plan.js';

interface Lead {
  id: string;
  version: number;
  status: string;
  [key: string]: unknown;
}

t.setTimeout(300_000); // both databases, a shared machine: more than the default 120 s per file

t.test('leads', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    const rep = people.repN1.token;
    const post = (body: object, token = rep) => crm.as(token, { method: 'POST', url: '/api/leads', payload: { source: 'web_form', ...body } });
    const get = (id: string, token = rep) => crm.as(token, { method: 'GET', url: `/api/leads/${id}` });
    const step = (id: string, name: string, body: object, token = rep) => crm.as(token, { method: 'POST', url: `/api/leads/${id}/${name}`, payload: body });
    const list = async (query: string, token = rep) => (await crm.call('GET', `/api/leads?${query}`, undefined, token)) as { items: Lead[]; nextCursor: string | null };
    const count = async (table: 'customers' | 'deals' | 'leads' | 'customer_contacts') =>
      Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    let lead: Lead;
    await t.test('should put a lead into the inbox, owned by its creator and shared with the creator’s unit', async (t) => {
      const response = await post({ personName: ' Jan Kowalski ', companyName: 'Acme Sp. z o.o.', email: 'Jan@Acme.PL', phone: '+48 500-100-200', productsOfInterest: ['CRM', 'CRM', ' ERP '], notes: 'Met at the booth', customData: { budget: 5000 } });
      t.equal(response.statusCode, 201);
      t.equal(response.headers.etag, '"1"');
      lead = response.json();
      t.match(lead, { status: 'new', personName: 'Jan Kowalski', email: 'Jan@Acme.PL', ownerId: people.repN1.id, unitId: units.n1, createdBy: people.repN1.id, productsOfInterest: ['CRM', 'ERP'], customData: { budget: 5000 }, version: 1 });
      const audit = await database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', lead.id).execute();
      t.same(audit.map((a) => a.action), ['create']);
    });

    await t.test('should refuse a lead without a name, without a contact, or with a bad e-mail — naming the field', async (t) => {
      const cases: Array<[object, string]> = [
        [{ email: 'a@b.pl' }, 'body.personName'],
        [{ personName: 'No Contact' }, 'body.email'],
        [{ personName: 'Bad Mail', email: 'not-an-address' }, 'body.email'],
        [{ personName: 'Bad Phone', phone: 'call me' }, 'body.phone'],
        [{ personName: 'Bad Source', email: 'x@y.pl', source: 'pigeon' }, 'body.source'],
      ];
      for (const [body, field] of cases) {
        const response = await post(body);
        t.equal(response.statusCode, 400, field);
        t.equal(response.json().details.fields[0].field, field);
      }
      t.equal(await count('leads'), 1, 'nothing was written');
    });

    await t.test('should refuse a lead that would land outside the creator’s scope', async (t) => {
      const response = await post({ personName: 'Elsewhere', email: 'e@x.pl', ownerId: people.repN1.id, unitId: units.n1 }, people.repS1.token);
      t.equal(response.statusCode, 403);
    });

    await t.test('should show a lead to its owner, the unit, the managers above and admins — to nobody else', async (t) => {
      const matrix: Array<[string, string, number]> = [
        ['owner', rep, 200],
        ['unit colleague', people.repN1b.token, 200],
        ['branch head', people.n1Head.token, 200],
        ['regional head', people.northHead.token, 200],
        ['chief executive', people.ceo.token, 200],
        ['admin', crm.admin, 200],
        ['rep of a sub-team', people.teamRep.token, 404],
        ['rep of another region', people.repS1.token, 404],
        ['rep without a seat', people.loner.token, 404],
      ];
      for (const [who, token, status] of matrix) t.equal((await get(lead.id, token)).statusCode, status, who);
      t.same((await list('', people.repS1.token)).items, [], 'not in another region’s list');
      t.equal((await list('', people.n1Head.token)).items.length, 1, 'in the manager’s list');
    });

    await t.test('should change a lead under optimistic concurrency', async (t) => {
      const changed = await crm.as(rep, { method: 'PATCH', url: `/api/leads/${lead.id}`, headers: { 'if-match': '"1"' }, payload: { purpose: 'Wants a demo', source: 'fair', sourceDetail: 'Targi Poznań 2026' } });
      t.equal(changed.statusCode, 200);
      t.match(changed.json(), { purpose: 'Wants a demo', source: 'fair', version: 2 });
      const stale = await crm.as(rep, { method: 'PATCH', url: `/api/leads/${lead.id}`, payload: { notes: 'x', version: 1 } });
      t.equal(stale.statusCode, 409);
      t.equal(stale.json().code, 'SRV_ERR_CONFLICT');
      const unversioned = await crm.as(rep, { method: 'PATCH', url: `/api/leads/${lead.id}`, payload: { notes: 'x' } });
      t.equal(unversioned.statusCode, 400);
      const foreign = await crm.as(people.repS1.token, { method: 'PATCH', url: `/api/leads/${lead.id}`, payload: { notes: 'x', version: 2 } });
      t.equal(foreign.statusCode, 404);
      lead = changed.json();
    });

    await t.test('should walk the qualification steps and refuse a step the status does not allow', async (t) => {
      let response = await step(lead.id, 'contact', { version: lead.version });
      t.match(response.json(), { status: 'contacted' });
      response = await step(lead.id, 'disqualify', { version: response.json().version });
      t.equal(response.statusCode, 400, 'a reason is mandatory');
      const noReason = await step(lead.id, 'disqualify', { reason: '   ', version: 3 });
      t.equal(noReason.statusCode, 400, 'a blank reason is no reason');
      response = await step(lead.id, 'disqualify', { reason: 'No budget this year', version: 3 });
      t.match(response.json(), { status: 'disqualified', disqualifyReason: 'No budget this year', version: 4 });
      const bad = await step(lead.id, 'qualify', { version: 4 });
      t.equal(bad.statusCode, 409);
      t.match(bad.json(), { code: 'SRV_ERR_LEAD_TRANSITION', details: { status: 'disqualified', allowedFrom: ['new', 'contacted'] } });
      response = await crm.as(rep, { method: 'POST', url: `/api/leads/${lead.id}/reopen`, headers: { 'if-match': '"4"' }, payload: {} });
      t.match(response.json(), { status: 'new', disqualifyReason: null, version: 5 });
      response = await step(lead.id, 'qualify', { version: 5 });
      t.match(response.json(), { status: 'qualified', version: 6 });
      lead = response.json();
      const actions = await database.db.selectFrom('audit_log').select('action').where('entity_id', '=', lead.id).orderBy('id').execute();
      t.same(actions.map((a) => a.action), ['create', 'update', 'contact', 'disqualify', 'reopen', 'qualify']);
    });

    await t.test('should filter, search by name, e-mail and phone, and page by keyset', async (t) => {
      const names = ['Anna Nowak', 'Bartek Zieliński', 'Celina Wójcik', 'Dorota Lis', 'Edward Mazur'];
      for (const [i, name] of names.entries()) {
        await post({ personName: name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com`, phone: `+48 600 000 00${i}`, source: i % 2 ? 'fair' : 'web_form' });
      }
      const pages: string[] = [];
      let after: string | null = null;
      do {
        const page: { items: Lead[]; nextCursor: string | null } = await list(`sort=name&limit=2${after ? `&after=${after}` : ''}`);
        pages.push(...page.items.map((l) => l.personName as string));
        after = page.nextCursor;
      } while (after);
      t.same(pages, ['Anna Nowak', 'Bartek Zieliński', 'Celina Wójcik', 'Dorota Lis', 'Edward Mazur', 'Jan Kowalski']);
      t.same((await list('q=cel')).items.map((l) => l.personName), ['Celina Wójcik'], 'name prefix');
      t.same((await list('q=ACME')).items.map((l) => l.personName), ['Jan Kowalski'], 'company prefix');
      t.same((await list('q=dorota@')).items.map((l) => l.personName), ['Dorota Lis'], 'e-mail prefix');
      t.same((await list('q=48600000004')).items.map((l) => l.personName), ['Edward Mazur'], 'phone digits');
      t.equal((await list('source=fair')).items.length, 3);
      t.same((await list('status=qualified')).items.map((l) => l.id), [lead.id]);
      t.equal((await list(`ownerId=${people.repN1.id}&sort=-createdAt`)).items[0]!.personName, 'Edward Mazur');
      const badCursor = await crm.as(rep, { method: 'GET', url: '/api/leads?sort=name&after=bm9wZQ' });
      t.equal(badCursor.statusCode, 400);
    });

    await t.test('should count leads per channel and status over a period', async (t) => {
      const stats = await crm.call('GET', '/api/leads/stats', undefined, rep);
      t.equal(stats.total, 6);
      t.same(stats.bySource.map((s: { source: string; total: number }) => [s.source, s.total]), [['fair', 3], ['web_form', 3]]);
      t.equal(stats.bySource[0].byStatus.qualified, 1);
      const future = await crm.call('GET', '/api/leads/stats?from=2099-01-01T00:00:00Z', undefined, rep);
      t.same(future, { total: 0, bySource: [] });
      t.equal((await crm.call('GET', '/api/leads/stats', undefined, people.repS1.token)).total, 0, 'only leads in scope');
    });

    const pipeline = (await crm.call('POST', '/api/pipelines', { name: 'Sales', stages: [{ key: 'lead', name: 'Lead', probability: 10, expectedDays: 7 }, { key: 'offer', name: 'Offer', probability: 40, expectedDays: 14 }] })).id as string;

    await t.test('should leave nothing behind when conversion fails mid-way', async (t) => {
      const before = { customers: await count('customers'), deals: await count('deals'), contacts: await count('customer_contacts') };
      const response = await step(lead.id, 'convert', { version: lead.version, customer: {}, deal: { pipelineId: '00000000-0000-4000-8000-000000000000', amount: '100', currency: 'EUR' } });
      t.equal(response.statusCode, 400, 'the deal names no pipeline');
      t.same({ customers: await count('customers'), deals: await count('deals'), contacts: await count('customer_contacts') }, before, 'no customer, contact or deal was kept');
      t.match((await get(lead.id)).json(), { status: 'qualified', version: lead.version, convertedCustomerId: null });
    });

    await t.test('should convert into a company, its contact person and a deal, carrying everything over', async (t) => {
      const response = await step(lead.id, 'convert', { version: lead.version, customer: {}, deal: { pipelineId: pipeline, amount: '12000', currency: 'PLN' } });
      t.equal(response.statusCode, 200, response.body);
      const result = response.json();
      t.match(result.lead, { status: 'converted', convertedCustomerId: result.customerId, convertedDealId: result.dealId, version: lead.version + 1 });
      const company = await crm.call('GET', `/api/customers/${result.customerId}`, undefined, rep);
      t.match(company, {
        kind: 'company',
        name: 'Acme Sp. z o.o.',
        status: 'qualified',
        ownerId: people.repN1.id,
        unitId: units.n1,
        source: 'fair: Targi Poznań 2026',
        customFields: { budget: 5000, leadId: lead.id, leadPurpose: 'Wants a demo', leadNotes: 'Met at the booth', productsOfInterest: 'CRM, ERP' },
      });
      const person = await crm.call('GET', `/api/customers/${result.contactId}`, undefined, rep);
      t.match(person, { kind: 'person', name: 'Jan Kowalski', emails: [{ value: 'Jan@Acme.PL', primary: true }], phones: [{ value: '+48 500-100-200' }] });
      const contacts = await crm.call('GET', `/api/customers/${result.customerId}/contacts`, undefined, rep);
      t.same(contacts.items.map((c: { personId: string }) => c.personId), [result.contactId]);
      const deal = await crm.call('GET', `/api/deals/${result.dealId}`, undefined, rep);
      t.match(deal, { customerId: result.customerId, ownerId: people.repN1.id, title: 'Acme Sp. z o.o. — CRM, ERP', amount: '12000.00', currency: 'PLN', stage: 'lead', status: 'open' });
      const convertAudit = await database.db.selectFrom('audit_log').select(['entity_type', 'action']).where('action', 'in', ['convert', 'create', 'link']).where('at', '>=', new Date(Date.now() - 60_000)).execute();
      t.ok(convertAudit.some((a) => a.entity_type === 'lead' && a.action === 'convert'), 'the conversion is audited');

      const again = await step(lead.id, 'convert', { version: result.lead.version, customer: {} });
      t.equal(again.statusCode, 409);
      t.match(again.json(), { code: 'SRV_ERR_LEAD_CONVERTED', details: { customerId: result.customerId, dealId: result.dealId } });
      const edit = await crm.as(rep, { method: 'PATCH', url: `/api/leads/${lead.id}`, payload: { notes: 'late', version: result.lead.version } });
      t.equal(edit.json().code, 'SRV_ERR_LEAD_CONVERTED', 'a converted lead is read-only');
      const remove = await crm.as(rep, { method: 'DELETE', url: `/api/leads/${lead.id}` });
      t.equal(remove.statusCode, 409, 'and cannot be deleted');
    });

    await t.test('should refuse to create a duplicate customer, and link an existing one instead', async (t) => {
      const existing = (await crm.call('POST', '/api/customers', { kind: 'person', name: 'Anna N.', emails: [{ value: 'anna@example.com' }], unitId: units.n1 }, rep)).id as string;
      const [anna] = (await list('q=anna')).items;
      const before = await count('customers');
      const duplicate = await step(anna!.id, 'convert', { version: anna!.version, customer: {} });
      t.equal(duplicate.statusCode, 409);
      t.match(duplicate.json(), { code: 'SRV_ERR_LEAD_DUPLICATE_CUSTOMER', details: { duplicates: [{ id: existing, matchedOn: ['email'] }] } });
      t.equal(await count('customers'), before, 'the candidate customer was rolled back');
      const linked = await step(anna!.id, 'convert', { version: anna!.version, customer: { customerId: existing } });
      t.equal(linked.statusCode, 200);
      t.match(linked.json(), { customerId: existing, contactId: null, dealId: null, lead: { status: 'converted' } });
      const hidden = (await crm.call('POST', '/api/customers', { kind: 'company', name: 'Southern Co', unitId: units.s1, ownerId: people.repS1.id, region: 'S' })).id as string;
      const [bartek] = (await list('q=bartek')).items;
      const foreign = await step(bartek!.id, 'convert', { version: bartek!.version, customer: { customerId: hidden } });
      t.equal(foreign.statusCode, 400, 'a customer outside your scope cannot be linked');
      t.equal(foreign.json().details.fields[0].field, 'body.customer.customerId');
    });

    await t.test('should delete a lead that was not converted', async (t) => {
      const [dorota] = (await list('q=dorota')).items;
      const stale = await crm.as(rep, { method: 'DELETE', url: `/api/leads/${dorota!.id}`, headers: { 'if-match': '"9"' } });
      t.equal(stale.statusCode, 409);
      const removed = await crm.as(rep, { method: 'DELETE', url: `/api/leads/${dorota!.id}`, headers: { 'if-match': `"${dorota!.version}"` } });
      t.equal(removed.statusCode, 204);
      t.equal((await get(dorota!.id)).statusCode, 404);
      const audit = await database.db.selectFrom('audit_log').select('action').where('entity_id', '=', dorota!.id).orderBy('id').execute();
      t.same(audit.map((a) => a.action), ['create', 'delete']);
    });

    await t.test('should have an index for every search, filter and keyset order', async (t) => {
      const cases: Array<[string, string, RegExp]> = [
        ['person prefix', `select id from leads where lower(person_name) like 'jan%'`, /leads_person_prefix_idx/],
        ['company prefix', `select id from leads where lower(company_name) like 'acm%'`, /leads_company_prefix_idx/],
        ['e-mail prefix', `select id from leads where email_normalized like 'jan@%'`, /leads_email_prefix_idx/],
        ['phone prefix', `select id from leads where phone_normalized like '48500%'`, /leads_phone_prefix_idx/],
        ['keyset by creation', `select id from leads where (created_at, id) < ('2027-01-01', '00000000-0000-4000-8000-000000000000') order by created_at desc, id desc limit 50`, /leads_created_sort_idx/],
        ['keyset by name', `select id from leads order by lower(coalesce(person_name, company_name)), id limit 50`, /leads_name_sort_idx/],
        ['duplicate lookup', `select id from leads where fingerprint = 'abc'`, /leads_fingerprint_idx/],
        ['an import’s leads', `select id from leads where import_id = '00000000-0000-4000-8000-000000000000'`, /leads_import_idx/],
        ['stats over a period', `select source, count(*) from leads where source = 'fair' and created_at >= '2026-01-01' group by source`, /leads_source_created_idx/],
        ['the report', `select id from lead_import_problems where import_id = '00000000-0000-4000-8000-000000000000' order by row, id limit 100`, /lead_import_problems_report_idx/],
      ];
      for (const [what, query, index] of cases) t.match(await planOf(database.db, query), index, what);
    });

    await t.test('should document the lead routes in the OpenAPI document', async (t) => {
      const doc = (await crm.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      for (const path of ['/api/leads', '/api/leads/{id}', '/api/leads/{id}/convert', '/api/leads/{id}/qualify', '/api/leads/import', '/api/leads/imports/{id}', '/api/leads/imports/{id}/report', '/api/leads/stats']) {
        t.ok(doc.paths[path], path);
      }
    });
  });
});
