import { sql } from 'kysely';
import t from 'tap';
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../../scripts/seed/demo-org.js';
import { DEFAULT_SEED_OPTIONS, seedDemoData } from '../../scripts/seed/seed-demo-data.js';
import { eachDatabase } from '../helpers/test-databases.js';
import { startTestApp } from '../helpers/test-app.js';

eachDatabase(t, async (t, database) => {
  const { signIn, as } = await startTestApp(t, database);
  const db = database.db;

  // given a database seeded with 200 demo customers
  const first = await seedDemoData(db, { ...DEFAULT_SEED_OPTIONS, customers: 200, seed: 'test' });
  t.equal(first.run, 1);
  t.equal(first.rows.customers, 200);
  t.ok(first.rows.deals > 100 && first.rows.activities > 100 && first.rows.customer_contacts > 0 && first.rows.leads > 0, 'deals, activities, contacts and leads come along');

  await t.test('every customer is visible to its owner through the API', async (t) => {
    const owners = await db.selectFrom('customers').innerJoin('users', 'users.id', 'customers.owner_id').select(['users.email', 'users.id']).distinct().orderBy('users.email').limit(3).execute();
    for (const owner of owners) {
      const token = await signIn(owner.email, DEMO_PASSWORD);
      const listed = (await as(token, { method: 'GET', url: '/api/customers?limit=200' })).json<{ items: Array<{ id: string }> }>().items.map((c) => c.id);
      const owned = (await db.selectFrom('customers').select('id').where('owner_id', '=', owner.id).execute()).map((c) => c.id);
      t.ok(owned.length > 0 && owned.every((id) => listed.includes(id)), `${owner.email} sees all ${owned.length} of their customers`);
    }
    const director = await signIn(`director@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const all = await as(director, { method: 'GET', url: '/api/customers?limit=200' });
    t.equal(all.json<{ items: unknown[] }>().items.length, 200, 'the head of the head office sees every customer');
  });

  await t.test('identifiers, stages and the org tree are consistent', async (t) => {
    const missing = await sql<{ n: number }>`
      select count(*)::int as n from customers c cross join lateral jsonb_array_elements(c.emails || c.phones) p
      where not exists (select 1 from customer_identifiers i where i.customer_id = c.id and i.value in (lower(p->>'value'), regexp_replace(p->>'value', '\\D', '', 'g')))`.execute(db);
    t.equal(missing.rows[0]!.n, 0, 'every e-mail and phone has its identifier row');
    const taxIds = await sql<{ n: number }>`select count(*)::int as n from customers c where c.tax_id is not null and not exists (select 1 from customer_identifiers i where i.customer_id = c.id and i.kind = 'taxId')`.execute(db);
    t.equal(taxIds.rows[0]!.n, 0, 'every tax id has its identifier row');
    const badStages = await sql<{ n: number }>`
      select count(*)::int as n from deals d where not exists (select 1 from pipeline_stages s where s.pipeline_id = d.pipeline_id and s.key = d.stage_key)
        or not exists (select 1 from deal_stage_history h where h.deal_id = d.id and h.change = 'create')`.execute(db);
    t.equal(badStages.rows[0]!.n, 0, 'deals stand on stages of their pipeline, each with its creation in the history');
    const misplaced = await sql<{ n: number }>`
      select count(*)::int as n from customers c join org_units u on u.id = c.unit_id
      where u.kind <> 'team' or u.region is distinct from c.region
        or not exists (select 1 from user_positions up join positions p on p.id = up.position_id where up.user_id = c.owner_id and p.unit_id = c.unit_id)`.execute(db);
    t.equal(misplaced.rows[0]!.n, 0, "customers lie in their owner's team and its region");
    const duplicated = await as(await signIn(`director@${DEMO_DOMAIN}`, DEMO_PASSWORD), { method: 'GET', url: `/api/customers?limit=1&q=${encodeURIComponent('+48')}` });
    t.equal(duplicated.statusCode, 200, 'a phone search answers');
  });

  await t.test('the demo users sign in', async (t) => {
    for (const email of [`director@${DEMO_DOMAIN}`, `designer@${DEMO_DOMAIN}`, `manager.pl@${DEMO_DOMAIN}`, `rep.riga-2c@${DEMO_DOMAIN}`]) {
      t.ok(await signIn(email, DEMO_PASSWORD), email);
    }
  });

  await t.test('a second run adds more, to the same org', async (t) => {
    const second = await seedDemoData(db, { ...DEFAULT_SEED_OPTIONS, customers: 50, seed: 'test' });
    t.equal(second.run, 2);
    t.equal(second.org.headOfficeId, first.org.headOfficeId);
    const counts = await sql<{ customers: number; units: number }>`select (select count(*)::int from customers) as customers, (select count(*)::int from org_units) as units`.execute(db);
    t.same(counts.rows[0], { customers: 250, units: 25 });
  });
});
