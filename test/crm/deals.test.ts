import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';
import { planOf } from './helpers/query-plan.js';

const STAGES = [
  { key: 'lead', name: 'Lead', probability: 10, expectedDays: 7 },
  { key: 'offer', name: 'Offer sent', probability: 30, expectedDays: 14 },
  { key: 'negotiation', name: 'Negotiation', probability: 70, expectedDays: 10 },
];

interface Deal {
  id: string;
  version: number;
  title: string;
  stage: string;
  status: string;
}

t.test('deals', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    const rep = people.repN1.token;
    const customer = async (name: string, spec: object) => (await crm.call('POST', '/api/customers', { kind: 'company', name, ...spec })).id as string;
    const customers = {
      ownN1: await customer('Own N1', { ownerId: people.repN1.id, unitId: units.n1 }),
      ownS1: await customer('Own S1', { ownerId: people.repS1.id, unitId: units.s1, region: 'S' }),
      teamN1a: await customer('Team N1a', { ownerId: people.teamRep.id, unitId: units.n1a }),
    };
    const pipeline = (await crm.call('POST', '/api/pipelines', { name: 'Sales', stages: STAGES })).id as string;
    const post = (body: object, token = rep) => crm.as(token, { method: 'POST', url: '/api/deals', payload: { currency: 'EUR', pipelineId: pipeline, ...body } });
    const action = (id: string, verb: string, body: object, token = rep, headers: Record<string, string> = {}) =>
      crm.as(token, { method: 'POST', url: `/api/deals/${id}/${verb}`, payload: body, headers });
    const dealCount = async () => Number((await database.db.selectFrom('deals').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const historyCount = async () => Number((await database.db.selectFrom('deal_stage_history').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const history = async (id: string, token = rep) => (await crm.call('GET', `/api/deals/${id}/history`, undefined, token)).items;

    let alpha: Deal;
    await t.test('should create an open deal in the first stage, amount as a two-decimal string', async (t) => {
      const response = await post({ customerId: customers.ownN1, title: 'Alpha licences', amount: '1250.5', expectedCloseDate: '2027-03-31' });
      t.equal(response.statusCode, 201);
      alpha = response.json();
      t.match(alpha, {
        customerId: customers.ownN1,
        ownerId: people.repN1.id,
        title: 'Alpha licences',
        amount: '1250.50',
        currency: 'EUR',
        expectedCloseDate: '2027-03-31',
        pipelineId: pipeline,
        stage: 'lead',
        status: 'open',
        reason: null,
        closedAt: null,
        processInstanceId: null,
        version: 1,
      });
      t.equal(response.headers.etag, '"1"');
      const numeric = await post({ customerId: customers.ownN1, title: 'Numeric amount', amount: 99, stage: 'offer' });
      t.match(numeric.json(), { amount: '99.00', stage: 'offer', expectedCloseDate: null }, 'a JSON number is taken too');
    });

    await t.test('should name the bad field and write nothing', async (t) => {
      const before = [await dealCount(), await historyCount()];
      const ok = { customerId: customers.ownN1, title: 'X', amount: '1' };
      const cases: Array<[object, string]> = [
        [{ title: 'X', amount: '1' }, 'body.customerId'],
        [{ ...ok, title: '' }, 'body.title'],
        [{ ...ok, amount: '12.345' }, 'body.amount'],
        [{ ...ok, amount: '-5' }, 'body.amount'],
        [{ ...ok, currency: 'eur' }, 'body.currency'],
        [{ ...ok, currency: 'QQQ' }, 'body.currency'],
        [{ ...ok, expectedCloseDate: '31.03.2027' }, 'body.expectedCloseDate'],
        [{ ...ok, stage: 'won' }, 'body.stage'],
        [{ ...ok, pipelineId: '00000000-0000-4000-8000-000000000000' }, 'body.pipelineId'],
        [{ ...ok, ownerId: '00000000-0000-4000-8000-000000000000' }, 'body.ownerId'],
        [{ ...ok, customerId: customers.ownS1 }, 'body.customerId'], // exists, but outside repN1's scope
        [{ ...ok, status: 'won' }, 'body.status'],
      ];
      for (const [body, field] of cases) {
        const response = await post(body);
        t.equal(response.statusCode, 400, field);
        t.equal(response.json().code, 'SRV_ERR_VALIDATION', field);
        t.equal(response.json().details?.fields?.[0]?.field, field, field);
      }
      t.same([await dealCount(), await historyCount()], before);
    });

    await t.test('should move stages under optimistic concurrency and keep the history', async (t) => {
      const moved = await action(alpha.id, 'stage', { stage: 'offer', version: 1 });
      t.equal(moved.statusCode, 200);
      t.match(moved.json(), { stage: 'offer', version: 2 });
      t.equal(moved.headers.etag, '"2"');
      t.equal((await action(alpha.id, 'stage', { stage: 'offer', version: 2 })).statusCode, 409, 'it stands there already');
      const stale = await action(alpha.id, 'stage', { stage: 'negotiation', version: 1 });
      t.equal(stale.statusCode, 409);
      t.match(stale.json(), { code: 'SRV_ERR_CONFLICT', details: { currentVersion: 2 } });
      t.equal((await action(alpha.id, 'stage', { stage: 'negotiation' })).json().details.fields[0].field, 'body.version');
      t.equal((await action(alpha.id, 'stage', { stage: 'nowhere', version: 2 })).json().details.fields[0].field, 'body.stage');
      const viaHeader = await action(alpha.id, 'stage', { stage: 'negotiation' }, rep, { 'if-match': '"2"' });
      t.match(viaHeader.json(), { stage: 'negotiation', version: 3 });
      t.match(await history(alpha.id), [
        { change: 'create', fromStage: null, toStage: 'lead', fromStatus: null, status: 'open', amount: '1250.50', byUserId: people.repN1.id, onBehalfOfId: null },
        { change: 'stage', fromStage: 'lead', toStage: 'offer', status: 'open' },
        { change: 'stage', fromStage: 'offer', toStage: 'negotiation', status: 'open' },
      ]);
      t.equal((await history(alpha.id)).length, 3, 'refused moves left no trace');
    });

    await t.test('should close only with a reason; a closed deal cannot move until a manager reopens it', async (t) => {
      const noReason = await action(alpha.id, 'close', { outcome: 'lost', version: 3 });
      t.equal(noReason.statusCode, 400);
      t.equal(noReason.json().details.fields[0].field, 'body.reason');
      t.equal((await action(alpha.id, 'close', { outcome: 'lost', reason: '   ', version: 3 })).json().details.fields[0].field, 'body.reason');
      t.equal((await action(alpha.id, 'close', { outcome: 'maybe', reason: 'x', version: 3 })).json().details.fields[0].field, 'body.outcome');
      const lost = await action(alpha.id, 'close', { outcome: 'lost', reason: 'Competitor was cheaper', version: 3 });
      t.equal(lost.statusCode, 200);
      t.match(lost.json(), { status: 'lost', reason: 'Competitor was cheaper', stage: 'negotiation', version: 4 });
      t.ok(lost.json().closedAt);
      const move = await action(alpha.id, 'stage', { stage: 'offer', version: 4 });
      t.equal(move.statusCode, 409, 'a closed deal does not move');
      t.equal((await action(alpha.id, 'close', { outcome: 'won', reason: 'Changed our mind', version: 4 })).statusCode, 409, 'nor closes twice');
      t.equal((await action(alpha.id, 'reopen', { version: 4 })).statusCode, 403, 'a rep may not reopen');
      const reopened = await action(alpha.id, 'reopen', { version: 4, stage: 'offer' }, people.n1Head.token);
      t.equal(reopened.statusCode, 200);
      t.match(reopened.json(), { status: 'open', reason: null, closedAt: null, stage: 'offer', version: 5 });
      t.equal((await action(alpha.id, 'reopen', { version: 5 }, people.n1Head.token)).statusCode, 409, 'an open deal is not reopened');
      const won = await action(alpha.id, 'close', { outcome: 'won', reason: 'Signed', version: 5 });
      t.match(won.json(), { status: 'won', version: 6 });
      t.match((await history(alpha.id)).slice(3), [
        { change: 'close', fromStage: 'negotiation', toStage: 'negotiation', fromStatus: 'open', status: 'lost', reason: 'Competitor was cheaper', byUserId: people.repN1.id },
        { change: 'reopen', fromStage: 'negotiation', toStage: 'offer', fromStatus: 'lost', status: 'open', byUserId: people.n1Head.id },
        { change: 'close', toStage: 'offer', status: 'won', reason: 'Signed' },
      ]);
      const audit = await crm.call('GET', `/api/audit-log?entityType=deal&entityId=${alpha.id}`);
      t.same(audit.items.map((e: { action: string }) => e.action), ['close', 'reopen', 'close', 'stage', 'stage', 'create']);
      t.match(audit.items[1], { actorId: people.n1Head.id, before: { status: 'lost' }, after: { status: 'open', stage: 'offer' } });
    });

    await t.test('should record amount and owner changes in the history, not title-only edits', async (t) => {
      const beta = (await post({ customerId: customers.ownN1, title: 'Beta', amount: '100' })).json() as Deal;
      const patch = (body: object, headers: Record<string, string> = {}) => crm.as(rep, { method: 'PATCH', url: `/api/deals/${beta.id}`, payload: body, headers });
      t.match((await patch({ title: 'Beta renamed', expectedCloseDate: '2027-01-15', version: 1 })).json(), { title: 'Beta renamed', expectedCloseDate: '2027-01-15', version: 2 });
      t.equal((await history(beta.id)).length, 1, 'a title change is no history entry');
      const bigger = await patch({ amount: '150.25' }, { 'if-match': '2' });
      t.match(bigger.json(), { amount: '150.25', version: 3 });
      t.equal((await patch({ amount: '1', version: 2 })).statusCode, 409);
      t.equal((await patch({ stage: 'offer', version: 3 })).json().details.fields[0].field, 'body.stage', 'stages move through /stage');
      t.equal((await patch({ customerId: customers.ownS1, version: 3 })).json().details.fields[0].field, 'body.customerId');
      await patch({ ownerId: people.repN1b.id, version: 3 });
      t.match(await history(beta.id), [{ change: 'create' }, { change: 'update', amount: '150.25', ownerId: people.repN1.id }, { change: 'update', ownerId: people.repN1b.id }]);
    });

    const deals = {} as Record<'ownS1' | 'teamN1a' | 'ownedForeign', Deal>;
    await t.test('should show a deal to whoever sees its customer, or owns it', async (t) => {
      deals.ownS1 = (await post({ customerId: customers.ownS1, title: 'South deal', amount: '10' }, people.repS1.token)).json();
      deals.teamN1a = (await post({ customerId: customers.teamN1a, title: 'Team deal', amount: '10' }, people.teamRep.token)).json();
      deals.ownedForeign = (await post({ customerId: customers.ownS1, ownerId: people.repN1.id, title: 'Owned by N1 in the south', amount: '10' }, crm.admin)).json();
      const titles = async (token: string) => ((await crm.call('GET', '/api/deals?limit=200&sort=title', undefined, token)).items as Deal[]).map((d) => d.title);
      t.same(await titles(rep), ['Alpha licences', 'Beta renamed', 'Numeric amount', 'Owned by N1 in the south'], 'repN1: his customers’ deals + the one he owns');
      t.same(await titles(people.repN1b.token), ['Alpha licences', 'Beta renamed', 'Numeric amount'], 'repN1b: shared unit, not the southern one');
      t.same(await titles(people.repS1.token), ['Owned by N1 in the south', 'South deal']);
      t.same(await titles(people.teamRep.token), ['Team deal']);
      t.same(await titles(people.n1Head.token), ['Alpha licences', 'Beta renamed', 'Numeric amount', 'Team deal'], 'a manager sees his subtree');
      t.same(await titles(people.ceo.token), ['Alpha licences', 'Beta renamed', 'Numeric amount', 'Owned by N1 in the south', 'South deal', 'Team deal']);
      t.same(await titles(people.loner.token), []);

      for (const [verb, body] of [['stage', { stage: 'offer', version: 1 }], ['close', { outcome: 'won', reason: 'x', version: 1 }]] as const) {
        const response = await action(deals.ownS1.id, verb, body);
        t.equal(response.statusCode, 404, `repN1 cannot ${verb} a southern deal`);
      }
      t.equal((await crm.as(rep, { method: 'GET', url: `/api/deals/${deals.ownS1.id}` })).statusCode, 404);
      t.equal((await crm.as(rep, { method: 'GET', url: `/api/deals/${deals.ownS1.id}/history` })).statusCode, 404);
      t.equal((await crm.as(rep, { method: 'PATCH', url: `/api/deals/${deals.ownS1.id}`, payload: { title: 'Mine', version: 1 } })).statusCode, 404);
      t.equal((await action(deals.teamN1a.id, 'stage', { stage: 'offer', version: 1 }, people.northHead.token)).statusCode, 200, 'a manager above moves it');
      t.equal((await action(deals.ownedForeign.id, 'stage', { stage: 'offer', version: 1 })).statusCode, 200, 'the owner moves his deal');
      t.equal((await action(deals.ownS1.id, 'stage', { stage: 'offer', version: 1 })).statusCode, 404, 'nothing moved');
    });

    await t.test('a substitute sees and moves the absent user’s deals only during the window, on his behalf', async (t) => {
      const hour = 3600_000;
      const now = Date.now();
      const sub = await crm.call(
        'POST',
        '/api/substitutions',
        { absentUserId: people.repN1.id, substituteId: people.loner.id, from: new Date(now + hour).toISOString(), to: new Date(now + 2 * hour).toISOString() },
        rep,
      );
      const setWindow = (from: number, to: number) =>
        database.db.updateTable('substitutions').set({ starts_at: new Date(from), ends_at: new Date(to) }).where('id', '=', sub.id).execute();
      const loner = people.loner.token;
      const listed = async () => ((await crm.call('GET', '/api/deals?sort=title', undefined, loner)).items as Deal[]).map((d) => d.title);

      t.same(await listed(), [], 'before');
      t.equal((await action(deals.ownedForeign.id, 'stage', { stage: 'negotiation', version: 2 }, loner)).statusCode, 404);
      await setWindow(now - hour, now + hour);
      t.same(await listed(), ['Alpha licences', 'Beta renamed', 'Numeric amount', 'Owned by N1 in the south'], 'during: what repN1 sees');
      const moved = await action(deals.ownedForeign.id, 'stage', { stage: 'negotiation', version: 2 }, loner);
      t.equal(moved.statusCode, 200);
      t.match((await history(deals.ownedForeign.id, loner)).at(-1), { change: 'stage', toStage: 'negotiation', byUserId: people.loner.id, onBehalfOfId: people.repN1.id });
      const audit = await crm.call('GET', `/api/audit-log?entityType=deal&entityId=${deals.ownedForeign.id}`);
      t.match(audit.items[0], { action: 'stage', actorId: people.loner.id, onBehalfOfId: people.repN1.id });
      await setWindow(now - 2 * hour, now - hour);
      t.same(await listed(), [], 'after');
      t.equal((await action(deals.ownedForeign.id, 'stage', { stage: 'lead', version: 3 }, loner)).statusCode, 404);
    });

    await t.test('should filter, search, sort and page with a keyset cursor', async (t) => {
      const list = async (query: string, token = crm.admin) => {
        const reply = await crm.as(token, { method: 'GET', url: `/api/deals?${query}` });
        t.equal(reply.statusCode, 200, query);
        return reply.json() as { items: Deal[]; nextCursor: string | null };
      };
      const titles = async (query: string, token = crm.admin) => (await list(query, token)).items.map((d) => d.title);
      t.same(await titles('status=won&sort=title'), ['Alpha licences']);
      t.same(await titles('status=open&stage=offer&sort=title'), ['Numeric amount', 'Team deal']);
      t.same(await titles(`ownerId=${people.repN1b.id}`), ['Beta renamed']);
      t.same(await titles(`customerId=${customers.ownS1}&sort=-title`), ['South deal', 'Owned by N1 in the south']);
      t.same(await titles('q=N1%20IN&sort=title'), ['Owned by N1 in the south'], 'part of the title, any case');
      t.same(await titles('q=%25'), [], 'wildcards are literal');
      t.same(await titles(`pipelineId=${pipeline}&sort=-amount&limit=3`), ['Alpha licences', 'Beta renamed', 'Numeric amount']);
      t.same(await titles('sort=expectedCloseDate&limit=2'), ['Beta renamed', 'Alpha licences'], 'dated deals first');

      for (const sort of ['createdAt', '-createdAt', 'amount', '-amount', 'title', '-title', 'expectedCloseDate', '-expectedCloseDate']) {
        const all = (await list(`sort=${sort}&limit=200`)).items.map((d) => d.id);
        const paged: string[] = [];
        let after: string | null = null;
        do {
          const page: { items: Deal[]; nextCursor: string | null } = await list(`sort=${sort}&limit=2${after ? `&after=${after}` : ''}`);
          paged.push(...page.items.map((d) => d.id));
          after = page.nextCursor;
        } while (after);
        t.same(paged, all, `pages of 2 add up to the whole list (${sort})`);
      }
      const firstPage = await list('sort=amount&limit=2');
      const wrong = await crm.as(crm.admin, { method: 'GET', url: `/api/deals?sort=title&after=${firstPage.nextCursor}` });
      t.equal(wrong.statusCode, 400);
      t.equal(wrong.json().details.fields[0].field, 'querystring.after');
      const forged = Buffer.from(JSON.stringify(['amount', 'drop table', '00000000-0000-4000-8000-000000000000'])).toString('base64url');
      t.equal((await crm.as(crm.admin, { method: 'GET', url: `/api/deals?sort=amount&after=${forged}` })).statusCode, 400);
      t.equal((await crm.as(crm.admin, { method: 'GET', url: '/api/deals?sort=shoeSize' })).json().details.fields[0].field, 'querystring.sort');
    });

    await t.test('should let one of two concurrent writes of the same version win and refuse the other (409)', async (t) => {
      const gamma = (await post({ customerId: customers.ownN1, title: 'Gamma race', amount: '5' })).json() as Deal;
      const replies = await Promise.all([action(gamma.id, 'stage', { stage: 'offer', version: 1 }), action(gamma.id, 'stage', { stage: 'negotiation', version: 1 }, people.n1Head.token)]);
      t.same(replies.map((r) => r.statusCode).sort(), [200, 409]);
      t.same((await history(gamma.id)).map((h: { change: string }) => h.change), ['create', 'stage'], 'one move recorded');
      t.match(await crm.call('GET', `/api/deals/${gamma.id}`, undefined, rep), { version: 2 });
    });

    await t.test('the list, summary and history queries have indexes to use', async (t) => {
      const id = '00000000-0000-4000-8000-000000000000';
      const cases: Array<[string, string, RegExp]> = [
        ['newest first', `select id from deals order by created_at desc, id desc limit 50`, /deals_created_sort_idx/],
        ['keyset by amount', `select id from deals where (amount, id) > (10::numeric, '${id}'::uuid) order by amount, id limit 50`, /deals_amount_sort_idx/],
        ['by title', `select id from deals order by lower(title), id limit 50`, /deals_title_sort_idx/],
        ['by close date', `select id from deals order by coalesce(expected_close_date, 'infinity'::date), id limit 50`, /deals_close_date_sort_idx/],
        ['a customer’s deals', `select id from deals where customer_id = '${id}'`, /deals_customer_idx/],
        ['an owner’s deals', `select id from deals where owner_id = '${id}'`, /deals_owner_idx/],
        ['open deals of a stage', `select id from deals where pipeline_id = '${id}' and stage_key = 'a' and status = 'open'`, /deals_pipeline_stage_idx/],
        ['a deal’s history', `select id from deal_stage_history where deal_id = '${id}' order by id`, /deal_stage_history_deal_idx/],
      ];
      for (const [what, query, index] of cases) t.match(await planOf(database.db, query), index, what);
    });

    await t.test('should sum open deals per stage and currency, weighted by probability, over visible deals', async (t) => {
      const board = (await crm.call('POST', '/api/pipelines', { name: 'Board', stages: [
        { key: 'a', name: 'A', probability: 25, expectedDays: 1 },
        { key: 'b', name: 'B', probability: 50, expectedDays: 1 },
        { key: 'c', name: 'C', probability: 90, expectedDays: 1 },
      ] })).id as string;
      const make = async (customerId: string, amount: string, stage: string, currency = 'EUR') =>
        (await crm.call('POST', '/api/deals', { customerId, title: `Board ${amount}`, amount, currency, pipelineId: board, stage })) as Deal;
      await make(customers.ownN1, '100.00', 'a');
      await make(customers.ownN1, '200.10', 'a');
      await make(customers.ownS1, '1000', 'b');
      await make(customers.ownN1, '300', 'b', 'PLN');
      const closed = await make(customers.ownN1, '50', 'b');
      await crm.call('POST', `/api/deals/${closed.id}/close`, { outcome: 'won', reason: 'Signed', version: 1 });
      const summary = async (token: string) => (await crm.call('GET', `/api/pipelines/${board}/summary`, undefined, token)).stages;

      t.same(await summary(crm.admin), [
        { key: 'a', name: 'A', probability: 25, openDeals: 2, totals: [{ currency: 'EUR', openDeals: 2, amount: '300.10', weightedAmount: '75.03' }] },
        { key: 'b', name: 'B', probability: 50, openDeals: 2, totals: [{ currency: 'EUR', openDeals: 1, amount: '1000.00', weightedAmount: '500.00' }, { currency: 'PLN', openDeals: 1, amount: '300.00', weightedAmount: '150.00' }] },
        { key: 'c', name: 'C', probability: 90, openDeals: 0, totals: [] },
      ]);
      const n1 = await summary(rep);
      t.same(n1.map((s: { openDeals: number }) => s.openDeals), [2, 1, 0], 'repN1 does not count the southern deal');
      t.same(n1[1].totals, [{ currency: 'PLN', openDeals: 1, amount: '300.00', weightedAmount: '150.00' }]);
      t.same((await summary(people.repS1.token)).map((s: { openDeals: number }) => s.openDeals), [0, 1, 0]);
      t.equal((await crm.as(rep, { method: 'GET', url: '/api/pipelines/00000000-0000-4000-8000-000000000000/summary' })).statusCode, 404);
    });
  });
});
