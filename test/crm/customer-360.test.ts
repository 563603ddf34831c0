import type { KyselyPlugin } from 'kysely';
import t from 'tap';
import { customer360 } from '../../server/crm/customer-360/customer-360.service.js';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

const ONE_TASK = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://funnelflow.dev/test">
  <bpmn:process id="onboarding" name="Onboarding" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:userTask id="call" name="Welcome call"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="rep" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

interface Entry {
  at: string;
  kind: string;
  title: string;
  actor: { id: string; name: string } | null;
  link: string | null;
}

t.test('customer 360', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    const rep = people.repN1.token;
    const create = async (body: object) => (await crm.call('POST', '/api/customers', { kind: 'company', ownerId: people.repN1.id, unitId: units.n1, ...body })).id as string;
    const ok = async (method: 'PUT' | 'POST', url: string, payload?: object, token = rep) => {
      const response = await crm.as(token, { method, url, ...(payload && { payload }) });
      if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    };
    const pipeline = (await crm.call('POST', '/api/pipelines', {
      name: 'Sales',
      stages: [
        { key: 'lead', name: 'Lead', probability: 10, expectedDays: 7 },
        { key: 'offer', name: 'Offer sent', probability: 40, expectedDays: 14 },
      ],
    })).id as string;
    const deal = async (customerId: string, title: string, amount: string, currency = 'EUR') =>
      crm.call('POST', '/api/deals', { customerId, title, amount, currency, pipelineId: pipeline }, rep) as Promise<{ id: string; version: number }>;
    t.equal((await crm.as(crm.admin, { method: 'POST', url: '/api/deployments', payload: { name: 'onboarding', resources: [{ name: 'onboarding.bpmn', xml: ONE_TASK }] } })).statusCode, 201);
    const start = async (businessKey: string) => (await crm.call('POST', '/api/process-definitions/key/onboarding/start', { businessKey })).id as string;

    // Acme: two contacts, four deals (open, open, won, lost), two processes (one on the customer, one on a deal), a segment, a folder.
    const acme = await create({ name: 'Acme', categories: ['vip'] });
    const jan = await create({ kind: 'person', name: 'Jan' });
    const eva = await create({ kind: 'person', name: 'Eva' });
    await ok('PUT', `/api/customers/${acme}/contacts/${jan}`, { function: 'CFO' });
    await ok('PUT', `/api/customers/${acme}/contacts/${eva}`, { function: 'CEO' });
    await ok('POST', `/api/customers/${jan}/relations`, { relatedId: eva, type: 'spouse' });
    const alpha = await deal(acme, 'Alpha', '100');
    const beta = await deal(acme, 'Beta', '50.5');
    const won = await deal(acme, 'Won one', '300', 'PLN');
    const lost = await deal(acme, 'Lost one', '20');
    await ok('POST', `/api/deals/${alpha.id}/stage`, { stage: 'offer', version: 1 });
    await ok('POST', `/api/deals/${won.id}/close`, { outcome: 'won', reason: 'Best price', version: 1 });
    await ok('POST', `/api/deals/${lost.id}/close`, { outcome: 'lost', reason: 'Budget', version: 1 });
    const onCustomer = await start(acme);
    const onDeal = await start(beta.id);
    const [task] = await crm.call('GET', `/api/tasks?processInstanceId=${onDeal}`, undefined, rep);
    await ok('POST', `/api/tasks/${task.id}/claim`);
    await ok('POST', `/api/tasks/${task.id}/complete`, {});
    const segment = (await crm.call('POST', '/api/segments', { name: 'Watch list', kind: 'static' }, rep)).id as string;
    await ok('POST', `/api/segments/${segment}/members`, { customerIds: [acme] });
    await crm.call('POST', '/api/segments', { name: 'VIPs', kind: 'dynamic', filter: { field: 'categories', op: 'contains', value: 'vip' } }, rep);
    await crm.call('POST', '/api/segments', { name: 'Nobody', kind: 'dynamic', filter: { field: 'status', op: 'eq', value: 'lost' } }, rep);
    const folder = (await crm.call('POST', '/api/customer-folders', { name: 'Key accounts' }, rep)).id as string;
    await ok('PUT', `/api/customer-folders/${folder}/customers/${acme}`);
    await crm.call('PATCH', `/api/customers/${acme}`, { status: 'regular', version: 1 }, rep);

    await t.test('should return the whole card in one call', async (t) => {
      const response = await crm.as(rep, { method: 'GET', url: `/api/customers/${acme}/360` });
      t.equal(response.statusCode, 200, response.statusCode === 200 ? 'ok' : response.body);
      const card = response.json();
      t.match(card.customer, { id: acme, name: 'Acme', status: 'regular', version: 2 });
      t.same(card.contacts.map((c: { personName: string; function: string }) => [c.personName, c.function]), [['Eva', 'CEO'], ['Jan', 'CFO']]);
      t.same(card.relations, [], 'a company has contacts, not relations');
      t.same(card.deals.items.map((d: { title: string; status: string; stageName: string }) => [d.title, d.status, d.stageName]).slice(0, 2).map((d: string[]) => d[1]), ['open', 'open'], 'open deals first');
      t.same(new Set(card.deals.items.map((d: { title: string }) => d.title)), new Set(['Alpha', 'Beta', 'Won one', 'Lost one']));
      t.match(card.deals.items.find((d: { title: string }) => d.title === 'Alpha'), { stage: 'offer', stageName: 'Offer sent', amount: '100.00' });
      t.same(card.deals.summary, {
        open: { count: 2, amounts: [{ currency: 'EUR', amount: '150.50' }] },
        won: { count: 1, amounts: [{ currency: 'PLN', amount: '300.00' }] },
        lost: { count: 1, amounts: [{ currency: 'EUR', amount: '20.00' }] },
      });
      t.equal(card.deals.hasMore, false);
      t.same(card.processes.instances.map((i: { id: string }) => i.id), [onCustomer], 'the deal’s instance has ended');
      t.match(card.processes.instances[0], { processKey: 'onboarding', processName: 'Onboarding', businessKey: acme, state: 'active' });
      t.match(card.processes.openTasks, [{ name: 'Welcome call', taskDefinitionKey: 'call', processInstanceId: onCustomer, candidateGroups: ['rep'] }]);
      t.equal(card.processes.openTasks.length, 1);
      t.same(card.memberships.segments.map((s: { name: string }) => s.name), ['VIPs', 'Watch list'], 'static by membership, dynamic by filter');
      t.same(card.memberships.folders.map((f: { name: string }) => f.name), ['Key accounts']);
      const kinds = card.timeline.items.map((e: Entry) => e.kind);
      for (const kind of ['customer.create', 'customer.update', 'customer_contact.link', 'deal.create', 'deal.stage', 'deal.close', 'process.started', 'process.completed', 'task.created', 'task.completed']) {
        t.ok(kinds.includes(kind), `the timeline tells ${kind}`);
      }
      t.equal(card.timeline.items[0].kind, 'customer.update', 'newest first');
      const times = card.timeline.items.map((e: Entry) => e.at);
      t.same(times, [...times].sort().reverse());
      t.match(card.timeline.items.find((e: Entry) => e.kind === 'deal.stage'), { title: "Deal 'Alpha' moved from Lead to Offer sent", actor: { id: people.repN1.id, name: 'Rep N1' }, link: `/api/deals/${alpha.id}` });
      t.match(card.timeline.items.find((e: Entry) => e.kind === 'task.completed'), { title: "Task 'Welcome call' completed", actor: { id: people.repN1.id, name: 'Rep N1' } });
      t.match(card.timeline.items.find((e: Entry) => e.kind === 'deal.close' && e.title.includes('Won')), { title: "Deal 'Won one' won: Best price" });
    });

    await t.test('should show a person the companies it is a contact of, and its relations', async (t) => {
      const card = await crm.call('GET', `/api/customers/${jan}/360`, undefined, rep);
      t.same(card.contacts.map((c: { companyName: string }) => c.companyName), ['Acme']);
      t.match(card.relations, [{ relatedId: eva, relatedName: 'Eva', type: 'spouse' }]);
      t.same(card.deals.items, []);
      t.same(card.deals.summary.open, { count: 0, amounts: [] });
    });

    await t.test('should page the timeline with a before cursor: no entry lost or repeated across ties', async (t) => {
      const whole = (await crm.call('GET', `/api/customers/${acme}/timeline?limit=100`, undefined, rep)) as { items: Entry[]; nextCursor: string | null };
      t.equal(whole.nextCursor, null);
      t.ok(whole.items.length >= 15, `${whole.items.length} entries`);
      const paged: Entry[] = [];
      let before: string | null = null;
      do {
        const page = (await crm.call('GET', `/api/customers/${acme}/timeline?limit=2${before ? `&before=${before}` : ''}`, undefined, rep)) as { items: Entry[]; nextCursor: string | null };
        paged.push(...page.items);
        before = page.nextCursor;
      } while (before);
      t.same(paged, whole.items);
      const first = await crm.call('GET', `/api/customers/${acme}/360?timelineLimit=3`, undefined, rep);
      t.same(first.timeline.items, whole.items.slice(0, 3));
      const rest = await crm.call('GET', `/api/customers/${acme}/360?timelineLimit=100&before=${first.timeline.nextCursor}`, undefined, rep);
      t.same(rest.timeline.items, whole.items.slice(3));
      const bad = await crm.as(rep, { method: 'GET', url: `/api/customers/${acme}/timeline?before=bm9wZQ` });
      t.equal(bad.statusCode, 400);
      t.equal(bad.json().details.fields[0].field, 'querystring.before');
    });

    await t.test('should answer 404 to whoever may not see the customer, and serve his manager', async (t) => {
      for (const url of [`/api/customers/${acme}/360`, `/api/customers/${acme}/timeline`]) {
        const response = await crm.as(people.repS1.token, { method: 'GET', url });
        t.equal(response.statusCode, 404, url);
        t.equal(response.json().code, 'SRV_ERR_NOT_FOUND');
      }
      const managed = await crm.call('GET', `/api/customers/${acme}/360`, undefined, people.n1Head.token);
      t.same(managed.memberships.folders, [], 'folders are private to their owner');
      t.same(managed.memberships.segments.map((s: { name: string }) => s.name), ['VIPs', 'Watch list'], 'his rep’s segments');
    });

    await t.test('should document the card and the new areas in the OpenAPI document', async (t) => {
      const spec = (await crm.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      for (const [path, method] of [
        ['/api/customers/{id}/360', 'get'],
        ['/api/customers/{id}/timeline', 'get'],
        ['/api/customers/{id}/merge', 'post'],
        ['/api/customers/{id}/duplicates', 'get'],
        ['/api/customers/{id}/relations', 'post'],
        ['/api/customer-folders', 'get'],
        ['/api/segments', 'post'],
        ['/api/segments/preview', 'post'],
        ['/api/segments/{id}/members', 'get'],
      ] as const) {
        t.ok(spec.paths[path]?.[method], `${method.toUpperCase()} ${path}`);
      }
      const card = spec.paths['/api/customers/{id}/360'].get.responses['200'].content['application/json'].schema;
      t.same(Object.keys(card.properties), ['customer', 'contacts', 'relations', 'deals', 'processes', 'memberships', 'timeline']);
    });

    await t.test('should cost the same number of queries for a small and a large customer (no N+1)', async (t) => {
      const small = await create({ name: 'Small' });
      await ok('PUT', `/api/customers/${small}/contacts/${jan}`, { function: null });
      await deal(small, 'Only one', '1');
      await start(small);
      let queries = 0;
      // transformResult runs once per executed statement (transformQuery also sees subqueries).
      const counting: KyselyPlugin = {
        transformQuery: (args) => args.node,
        transformResult: async (args) => {
          queries += 1;
          return args.result;
        },
      };
      const db = database.db.withPlugin(counting);
      const viewer = { userId: people.repN1.id, isAdmin: false, actorIds: [people.repN1.id] };
      const countFor = async (id: string) => {
        queries = 0;
        await customer360(db, viewer, id, { limit: 30 });
        return queries;
      };
      const forSmall = await countFor(small);
      const forLarge = await countFor(acme);
      t.equal(forLarge, forSmall, `${forLarge} queries either way`);
      t.ok(forLarge <= 20, `a handful: ${forLarge}`);
    });
  });
});
