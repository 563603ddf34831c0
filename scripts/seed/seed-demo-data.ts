import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/db/tables/index.js';
import { insertRows, type Columns } from './bulk-insert.js';
import { ensureDemoOrg, type DemoOrg } from './demo-org.js';
import { generateChunk, type ChunkRows } from './generate.js';
import { createRandom } from './random.js';
import { ensureReferenceData, type ReferenceData } from './reference-data.js';

/**
 * Demo data for `npm run seed` and the data-volume benchmark: the org chart and its users
 * (once per database), then customers with contacts, deals, activities and leads, written
 * in chunks of CHUNK_CUSTOMERS customers — one transaction per chunk, one statement per
 * table (bulk-insert.ts) — several chunks side by side on PostgreSQL. The rows keep what
 * the services keep: identifiers for duplicate checks and search, deal history, audit
 * entries of creation, versions, timestamps to the millisecond.
 */
export interface SeedOptions {
  readonly customers: number;
  readonly dealsPerCustomer: number;
  readonly activitiesPerCustomer: number;
  readonly leadsPerCustomer: number;
  readonly seed: string;
  /** Audit entries for created customers and deals (what the customer timeline shows). */
  readonly audit: boolean;
  /** Chunks written at once (PGlite has one connection: use 1 there). */
  readonly concurrency: number;
  readonly onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  readonly customers: number;
  readonly of: number;
  readonly rows: number;
  readonly seconds: number;
}

export interface SeedSummary {
  readonly run: number;
  readonly seconds: number;
  readonly rows: Readonly<Record<keyof ChunkRows, number>>;
  readonly totalRows: number;
  readonly rowsPerSecond: number;
  readonly org: DemoOrg;
  readonly reference: ReferenceData;
}

export const DEFAULT_SEED_OPTIONS: Omit<SeedOptions, 'customers'> = { dealsPerCustomer: 1, activitiesPerCustomer: 1, leadsPerCustomer: 0.1, seed: 'funnelflow', audit: true, concurrency: 1 };
export const CHUNK_CUSTOMERS = 1000;

/** Parents before children: the order the tables are written in within a chunk. */
const TABLES: ReadonlyArray<readonly [keyof ChunkRows, Columns]> = [
  [
    'customers',
    {
      id: 'uuid', kind: 'text', name: 'text', emails: 'jsonb', phones: 'jsonb', addresses: 'jsonb', status: 'text', categories: 'text[]', owner_id: 'uuid', unit_id: 'uuid',
      region: 'text', source: 'text', tax_id: 'text', type_id: 'uuid', custom_fields: 'jsonb', version: 'integer', created_at: 'timestamptz', updated_at: 'timestamptz',
    },
  ],
  ['customer_identifiers', { customer_id: 'uuid', kind: 'text', value: 'text' }],
  ['customer_contacts', { company_id: 'uuid', person_id: 'uuid', function: 'text', created_at: 'timestamptz' }],
  [
    'deals',
    {
      id: 'uuid', customer_id: 'uuid', owner_id: 'uuid', title: 'text', amount: 'numeric', currency: 'text', expected_close_date: 'date', pipeline_id: 'uuid', stage_key: 'text',
      status: 'text', close_reason: 'text', closed_at: 'timestamptz', version: 'integer', created_at: 'timestamptz', updated_at: 'timestamptz',
    },
  ],
  [
    'deal_stage_history',
    {
      deal_id: 'uuid', change: 'text', from_stage: 'text', to_stage: 'text', from_status: 'text', status: 'text', amount: 'numeric', currency: 'text', owner_id: 'uuid', reason: 'text',
      by_user_id: 'uuid', on_behalf_of_id: 'uuid', at: 'timestamptz',
    },
  ],
  [
    'activities',
    {
      id: 'uuid', kind: 'text', subject: 'text', description: 'text', starts_at: 'timestamptz', ends_at: 'timestamptz', due_at: 'timestamptz', all_day: 'boolean', location: 'text',
      status: 'text', result: 'text', completed_at: 'timestamptz', owner_id: 'uuid', customer_id: 'uuid', deal_id: 'uuid', reminder_minutes: 'integer[]', version: 'integer',
      created_at: 'timestamptz', updated_at: 'timestamptz',
    },
  ],
  ['activity_participants', { activity_id: 'uuid', user_id: 'uuid', contact_id: 'uuid', resource_id: 'uuid' }],
  [
    'leads',
    {
      id: 'uuid', status: 'text', disqualify_reason: 'text', source: 'text', source_detail: 'text', person_name: 'text', company_name: 'text', email: 'text', email_normalized: 'text',
      phone: 'text', phone_normalized: 'text', purpose: 'text', notes: 'text', products_of_interest: 'text[]', owner_id: 'uuid', unit_id: 'uuid', custom_data: 'jsonb',
      created_by: 'uuid', version: 'integer', created_at: 'timestamptz', updated_at: 'timestamptz',
    },
  ],
  ['audit_log', { at: 'timestamptz', actor_id: 'uuid', on_behalf_of_id: 'uuid', entity_type: 'text', entity_id: 'text', action: 'text', after: 'jsonb' }],
];

export async function seedDemoData(db: Kysely<Database>, options: SeedOptions): Promise<SeedSummary> {
  if (!Number.isInteger(options.customers) || options.customers < 0) throw new Error(`Expected a whole number of customers, but got ${options.customers}`);
  const started = performance.now();
  const org = await ensureDemoOrg(db, options.seed);
  const reference = await ensureReferenceData(db);
  const run = await nextRun(db);
  const today = new Date().setUTCHours(0, 0, 0, 0);
  const rows = Object.fromEntries(TABLES.map(([table]) => [table, 0])) as Record<keyof ChunkRows, number>;
  const chunks = Math.ceil(options.customers / CHUNK_CUSTOMERS);
  let nextChunk = 0;
  let customersDone = 0;

  async function writeChunk(index: number): Promise<void> {
    const customers = Math.min(CHUNK_CUSTOMERS, options.customers - index * CHUNK_CUSTOMERS);
    const random = createRandom(`${options.seed}:run ${run}:chunk ${index}`);
    const chunk = generateChunk(random, org, reference, { ...options, run, firstNumber: index * CHUNK_CUSTOMERS + 1, customers, today });
    await db.transaction().execute(async (trx) => {
      for (const [table, columns] of TABLES) await insertRows(trx, table, columns, chunk[table]);
    });
    for (const [table] of TABLES) rows[table] += chunk[table].length;
    customersDone += customers;
    options.onProgress?.({ customers: customersDone, of: options.customers, rows: total(rows), seconds: (performance.now() - started) / 1000 });
  }

  await Promise.all(
    Array.from({ length: Math.max(1, options.concurrency) }, async () => {
      while (nextChunk < chunks) await writeChunk(nextChunk++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { run, seconds, rows, totalRows: total(rows), rowsPerSecond: Math.round(total(rows) / seconds), org, reference };
}

/** Runs are numbered per database (settings `demo_seed.runs`): e-mails carry the number, so a second run adds rather than collides. */
async function nextRun(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ value: string }>`
    insert into settings (key, value) values ('demo_seed.runs', '1')
    on conflict (key) do update set value = (settings.value::integer + 1)::text
    returning value`.execute(db);
  return Number(rows[0]!.value);
}

const total = (rows: Record<string, number>) => Object.values(rows).reduce((a, b) => a + b, 0);
