/**
 * The CRM at data volume, on PostgreSQL: a scratch database seeded with 1,000,000
 * customers and about as many deals (scripts/seed/), then p50/p95/p99 of the main lists
 * and searches through the real HTTP path (`app.inject`: routes, access rules, schemas,
 * serialisation), each against a `select 1` round trip measured in the same process.
 * Target: p95 under 50 ms. Runs only when asked (`npm run bench -- crm-volume`); needs
 * DATABASE_URL (skipped otherwise). Takes ~10 minutes, most of it seeding; CRM_VOLUME_KEEP=1
 * keeps the seeded database for EXPLAIN ANALYZE afterwards.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/crm-volume.bench.ts [customers] [runs]
 */
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from '../server/app.js';
import { prepareDatabase } from '../server/bootstrap.js';
import { openPostgres } from '../server/db/database.js';
import { createLogger } from '../server/logger.js';
import { DEMO_DOMAIN, DEMO_PASSWORD } from '../scripts/seed/demo-org.js';
import { seedDemoData } from '../scripts/seed/seed-demo-data.js';
import { createScratchDatabase } from '../test/helpers/test-databases.js';

const TARGET_P95_MS = 50;
const BUDGET_MS = 60_000;
const ADMIN = { email: 'admin@volume.local', password: 'admin-password-1' };

export interface VolumeBenchRow {
  readonly query: string;
  readonly as: string;
  readonly p50ms: number;
  readonly p95ms: number;
  readonly p99ms: number;
  readonly runs: number;
  readonly ratioToSelect1: number;
  readonly underTarget: boolean | '';
}

export async function runCrmVolumeBench(customers = 1_000_000, runs = 200): Promise<object[]> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('crm-volume: skipped — it needs PostgreSQL (set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)');
    return [];
  }
  const scratch = await createScratchDatabase(url);
  const database = openPostgres(scratch.url);
  const log = createLogger('silent');
  try {
    const { tokenSecret } = await prepareDatabase(database, { adminEmail: ADMIN.email, adminPassword: ADMIN.password, secret: undefined }, log);
    let lastPrint = 0;
    const seeded = await seedDemoData(database.db, {
      customers,
      dealsPerCustomer: 1,
      activitiesPerCustomer: 0.5,
      leadsPerCustomer: 0.1,
      seed: 'crm-volume',
      audit: true,
      concurrency: 4,
      onProgress(p) {
        if (p.seconds - lastPrint < 15 && p.customers < p.of) return;
        lastPrint = p.seconds;
        console.log(`  seeding: ${p.customers.toLocaleString('en')} / ${p.of.toLocaleString('en')} customers, ${Math.round(p.rows / p.seconds).toLocaleString('en')} rows/s`);
      },
    });
    const analyzeStarted = performance.now();
    await sql`analyze`.execute(database.db);
    const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
    const sizes = await sql<{ customers: string; deals: string; activities: string; leads: string; bytes: string }>`
      select (select count(*) from customers) as customers, (select count(*) from deals) as deals, (select count(*) from activities) as activities,
             (select count(*) from leads) as leads, pg_database_size(current_database()) as bytes`.execute(database.db);
    const size = sizes.rows[0]!;

    const app = await buildApp({ config: { tokenTtlSeconds: 3600, loginRateLimit: 1000, uiDir: undefined, logLevel: 'silent' }, database, tokenSecret, logger: log, runJobs: false });
    await app.ready();
    try {
      const signIn = async (email: string, password = DEMO_PASSWORD) => {
        const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
        if (response.statusCode !== 200) throw new Error(`Expected ${email} to sign in, but got ${response.statusCode} ${response.body}`);
        return response.json<{ token: string }>().token;
      };
      const who = {
        rep: { label: 'rep (Warszawa 1a)', token: await signIn(`rep.warszawa-1a@${DEMO_DOMAIN}`) },
        manager: { label: 'manager of region PL (~50%)', token: await signIn(`manager.pl@${DEMO_DOMAIN}`) },
        branch: { label: 'manager of branch Warszawa', token: await signIn(`manager.warszawa@${DEMO_DOMAIN}`) },
        admin: { label: 'admin', token: await signIn(ADMIN.email, ADMIN.password) },
      };
      const get = async (token: string, path: string) => {
        const response = await app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
        if (response.statusCode !== 200) throw new Error(`Expected GET ${path} to answer 200, but got ${response.statusCode} ${response.body.slice(0, 300)}`);
        return response;
      };

      // What to look for: data of the PL region (the manager sees it), picked from the middle of the table.
      const sample = await sql<{ id: string; email: string; phone: string | null; name: string }>`
        select c.id, c.emails->0->>'value' as email, c.phones->0->>'value' as phone, c.name from customers c
        where c.region = 'PL' and c.kind = 'person' and jsonb_array_length(c.phones) > 0 order by c.id offset 5000 limit 1`.execute(database.db);
      const target = sample.rows[0]!;
      const busy = (await sql<{ customer_id: string; deals: number }>`select customer_id, count(*)::int as deals from deals group by customer_id order by count(*) desc limit 1`.execute(database.db)).rows[0]!;
      const pipelineId = seeded.reference.pipelineId;
      const org = seeded.org;
      const warsawTeam = org.teams.find((t) => t.name.startsWith('Warszawa'))!;
      const warsawBranch = (await database.db.selectFrom('org_units').select('parent_id').where('id', '=', warsawTeam.unitId).executeTakeFirstOrThrow()).parent_id!;
      let cursor = '';
      for (let page = 0; page < 10; page++) {
        const next: string | null = (await get(who.manager.token, `/api/customers?limit=50${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`)).json<{ nextCursor: string | null }>().nextCursor;
        cursor = next!;
      }
      const monday = new Date();
      monday.setUTCHours(0, 0, 0, 0);
      monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
      const week = `from=${monday.toISOString()}&to=${new Date(monday.getTime() + 7 * 86_400_000).toISOString()}`;
      const namePrefix = target.name.split(' ')[1]!.slice(0, 4);
      const phonePrefix = target.phone!.slice(0, 9);

      const baselineSamples = await timings(runs, () => sql`select 1`.execute(database.db));
      const baseline = percentile(baselineSamples, 50);
      const rows: VolumeBenchRow[] = [row('baseline: select 1 round trip (kysely → pg)', 'process', baselineSamples, baseline, false)];
      const measure = async (query: string, as: { label: string; token: string }, path: string) => {
        rows.push(row(query, as.label, await timings(runs, () => get(as.token, path)), baseline, true));
        console.log(`  ${query} (${as.label}): p95 ${rows.at(-1)!.p95ms} ms`);
      };
      for (const viewer of [who.rep, who.manager, who.admin]) await measure('customers: first page (50, by name)', viewer, '/api/customers?limit=50');
      await measure('customers: page 11 (keyset cursor)', who.manager, `/api/customers?limit=50&after=${encodeURIComponent(cursor)}`);
      await measure(`customers: search name prefix '${namePrefix}'`, who.manager, `/api/customers?limit=50&q=${encodeURIComponent(namePrefix)}`);
      await measure('customers: search by e-mail', who.manager, `/api/customers?limit=50&q=${encodeURIComponent(target.email)}`);
      await measure(`customers: search phone prefix '${phonePrefix}'`, who.manager, `/api/customers?limit=50&q=${encodeURIComponent(phonePrefix)}`);
      await measure(`customer 360 (${busy.deals} deals)`, who.admin, `/api/customers/${busy.customer_id}/360`);
      await measure('deals: pipeline + stage proposal', who.manager, `/api/deals?limit=50&pipelineId=${pipelineId}&stage=proposal`);
      await measure('deals: a rep’s list', who.rep, '/api/deals?limit=50');
      await measure('deals: per-stage summary', who.manager, `/api/pipelines/${pipelineId}/summary`);
      await measure('leads: first page', who.manager, '/api/leads?limit=50');
      await measure('calendar: a week of a branch', who.branch, `/api/calendar?${week}&unitId=${warsawBranch}`);

      const seedRow = {
        query: `seed: ${seeded.totalRows.toLocaleString('en')} rows (${size.customers} customers, ${size.deals} deals, ${size.activities} activities, ${size.leads} leads)`,
        seconds: Math.round(seeded.seconds),
        rowsPerSecond: seeded.rowsPerSecond,
        analyzeSeconds: Math.round(analyzeSeconds),
        databaseGiB: Math.round((Number(size.bytes) / 2 ** 30) * 10) / 10,
      };
      return [seedRow, ...rows];
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    if (process.env.CRM_VOLUME_KEEP) console.log(`crm-volume: kept the database ${scratch.url} (CRM_VOLUME_KEEP); drop it when done`);
    else await scratch.drop();
  }
}

function row(query: string, as: string, samples: number[], baseline: number, judged: boolean): VolumeBenchRow {
  const p95 = percentile(samples, 95);
  return {
    query,
    as,
    p50ms: round(percentile(samples, 50)),
    p95ms: round(p95),
    p99ms: round(percentile(samples, 99)),
    runs: samples.length,
    ratioToSelect1: Math.round(percentile(samples, 50) / baseline),
    underTarget: judged ? p95 < TARGET_P95_MS : '',
  };
}

/**
 * Milliseconds of `runs` sequential calls, after a few unmeasured ones (plans, caches). A
 * query far off the target stops after BUDGET_MS (and at least 20 calls): the row says how many ran.
 */
async function timings(runs: number, call: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await call();
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs && !(samples.length >= 20 && performance.now() - started > BUDGET_MS); i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return samples;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await runCrmVolumeBench(Number(process.argv[2] ?? 1_000_000), Number(process.argv[3] ?? 200)));
}
