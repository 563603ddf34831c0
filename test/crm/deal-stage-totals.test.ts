import t, { type Test } from 'tap';
import { sql } from 'kysely';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';
import { dealsVisibleTo } from '../../server/crm/deals/deal-scope.js';

const STAGES = [
  { key: 'lead', name: 'Lead', probability: 10, expectedDays: 7 },
  { key: 'offer', name: 'Offer sent', probability: 35, expectedDays: 14 },
  { key: 'negotiation', name: 'Negotiation', probability: 70, expectedDays: 10 },
];
const CURRENCIES = ['EUR', 'PLN', 'RON'];

/** A small deterministic generator: the same run every time, yet no hand-picked cases. */
function randomOf(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return { pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!, amount: () => (Math.floor(next() * 100_000) / 100).toFixed(2) };
}

t.test('per-stage totals kept by the database match the deals, for every viewer, through every kind of change', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    const random = randomOf(20261125);
    const pipeline = (await crm.call('POST', '/api/pipelines', { name: 'Totals', stages: STAGES })).id as string;
    const reps = [people.repN1, people.repN1b, people.teamRep, people.repS1, people.loner];
    const homes = [
      { ownerId: people.repN1.id, unitId: units.n1 },
      { ownerId: people.repS1.id, unitId: units.s1, region: 'S' },
      { ownerId: people.teamRep.id, unitId: units.n1a },
      { ownerId: null, unitId: units.north, region: 'N' },
      { ownerId: people.loner.id, unitId: null },
    ];
    const customers: string[] = [];
    for (let i = 0; i < 8; i++) customers.push((await crm.call('POST', '/api/customers', { kind: 'company', name: `Totals ${i}`, ...random.pick(homes) })).id);
    const deals: Array<{ id: string; version: number }> = [];
    for (let i = 0; i < 40; i++) {
      const deal = await crm.call('POST', '/api/deals', {
        customerId: random.pick(customers), ownerId: random.pick(reps).id, title: `Deal ${i}`, amount: random.amount(), currency: random.pick(CURRENCIES), pipelineId: pipeline, stage: random.pick(STAGES).key,
      });
      deals.push({ id: deal.id, version: deal.version });
    }

    /** The per-stage summary straight from the deals, under the deal rule (the query the totals replace). */
    const fromDeals = async (actors: readonly string[] | null) => {
      const rows = await database.db
        .selectFrom('deals')
        .innerJoin('pipeline_stages as s', (join) => join.onRef('s.pipeline_id', '=', 'deals.pipeline_id').onRef('s.key', '=', 'deals.stage_key'))
        .select(['deals.stage_key as stage', 'deals.currency', sql<string>`count(*)::int`.as('n'), sql<string>`sum(deals.amount)::text`.as('amount'), sql<string>`round(sum(deals.amount * s.probability) / 100, 2)::text`.as('weighted')])
        .where('deals.pipeline_id', '=', pipeline)
        .where('deals.status', '=', 'open')
        .where(dealsVisibleTo(actors))
        .groupBy(['deals.stage_key', 'deals.currency'])
        .execute();
      return Object.fromEntries(rows.map((r) => [`${r.stage}/${r.currency}`, `${r.n} ${r.amount} ${r.weighted}`]));
    };
    const fromSummary = async (token: string) => {
      const summary = await crm.call('GET', `/api/pipelines/${pipeline}/summary`, undefined, token);
      const entries: Array<[string, string]> = [];
      for (const stage of summary.stages) {
        let n = 0;
        for (const total of stage.totals) {
          entries.push([`${stage.key}/${total.currency}`, `${total.openDeals} ${total.amount} ${total.weightedAmount}`]);
          n += total.openDeals;
        }
        if (n !== stage.openDeals) throw new Error(`stage ${stage.key}: ${stage.openDeals} open deals, but its currencies add up to ${n}`);
      }
      return Object.fromEntries(entries);
    };
    const viewers = [
      { name: 'admin', token: crm.admin, actors: null },
      { name: 'ceo', token: people.ceo.token, actors: [people.ceo.id] },
      { name: 'north head', token: people.northHead.token, actors: [people.northHead.id] },
      { name: 'n1 head', token: people.n1Head.token, actors: [people.n1Head.id] },
      ...reps.map((rep, i) => ({ name: `rep ${i}`, token: rep.token, actors: [rep.id] })),
    ];
    const agrees = async (t: Test, when: string) => {
      for (const viewer of viewers) t.same(await fromSummary(viewer.token), await fromDeals(viewer.actors), `${viewer.name} ${when}`);
    };

    await t.test('after creating deals', (t) => agrees(t, 'after creates'));

    await t.test('after stage moves, edits, closes and reopens of deals', async (t) => {
      const write = async (verb: string, deal: { id: string; version: number }, body: object) => {
        const response = await crm.as(crm.admin, { method: verb === 'patch' ? 'PATCH' : 'POST', url: `/api/deals/${deal.id}${verb === 'patch' ? '' : `/${verb}`}`, payload: { ...body, version: deal.version } });
        if (response.statusCode !== 200) return; // e.g. moving a closed deal: refused, nothing changes
        deal.version = response.json().version;
      };
      for (let round = 0; round < 60; round++) {
        const deal = random.pick(deals);
        const kind = random.pick(['stage', 'amount', 'currency', 'owner', 'customer', 'title', 'close', 'reopen']);
        if (kind === 'stage') await write('stage', deal, { stage: random.pick(STAGES).key });
        else if (kind === 'amount') await write('patch', deal, { amount: random.amount() });
        else if (kind === 'currency') await write('patch', deal, { currency: random.pick(CURRENCIES) });
        else if (kind === 'owner') await write('patch', deal, { ownerId: random.pick(reps).id });
        else if (kind === 'customer') await write('patch', deal, { customerId: random.pick(customers) });
        else if (kind === 'title') await write('patch', deal, { title: `Renamed ${round}` });
        else if (kind === 'close') await write('close', deal, { outcome: random.pick(['won', 'lost']), reason: 'decided' });
        else await write('reopen', deal, {});
      }
      await agrees(t, 'after deal changes');
    });

    await t.test("after customers change owner, unit or region, and after a merge", async (t) => {
      for (const id of customers.slice(0, 5)) {
        const customer = await crm.call('GET', `/api/customers/${id}`);
        await crm.call('PATCH', `/api/customers/${id}`, { ...random.pick(homes), version: customer.version });
      }
      await agrees(t, 'after customer changes');
      const [kept, duplicate] = [customers[5]!, customers[6]!];
      const survivor = await crm.call('GET', `/api/customers/${kept}`);
      await crm.call('POST', `/api/customers/${kept}/merge`, { duplicateId: duplicate, version: survivor.version });
      await agrees(t, 'after a merge');
    });

    await t.test('no total is left that no deal backs', async (t) => {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from (
          select pipeline_id, stage_key, currency, sum(open_deals) as deals, sum(amount) as amount from deal_stage_totals group by 1, 2, 3 having sum(open_deals) <> 0
          except
          select pipeline_id, stage_key, currency, count(*), sum(amount) from deals where status = 'open' group by 1, 2, 3) mismatched`.execute(database.db);
      t.equal(rows[0]!.n, 0);
    });
  });
});
