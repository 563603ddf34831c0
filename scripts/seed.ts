// `npm run seed -- --customers 100000`: demo data (org chart, users, customers, deals,
// activities, leads) in the database `npm start` uses — DATABASE_URL's server, or the
// embedded one in FUNNELFLOW_DATA_DIR (./data). Migrates first; refuses a data folder that a
// running server holds. Seeding again adds more. Options: --customers N (1000),
// --deals-per-customer X (1), --activities-per-customer X (1), --leads-per-customer X (0.1),
// --seed S, --database-url URL, --no-audit.
import { parseArgs } from 'node:util';
import { prepareDatabase } from '../server/bootstrap.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { DataDirLockedError } from '../server/db/data-dir-lock.js';
import { openDatabase } from '../server/db/database.js';
import { createLogger } from '../server/logger.js';
import { DEMO_PASSWORD } from './seed/demo-org.js';
import { DEFAULT_SEED_OPTIONS, seedDemoData } from './seed/seed-demo-data.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000' },
    'deals-per-customer': { type: 'string', default: String(DEFAULT_SEED_OPTIONS.dealsPerCustomer) },
    'activities-per-customer': { type: 'string', default: String(DEFAULT_SEED_OPTIONS.activitiesPerCustomer) },
    'leads-per-customer': { type: 'string', default: String(DEFAULT_SEED_OPTIONS.leadsPerCustomer) },
    seed: { type: 'string', default: DEFAULT_SEED_OPTIONS.seed },
    'database-url': { type: 'string' },
    'no-audit': { type: 'boolean', default: false },
  },
});

function number(name: string, value: string, integer = false): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || (integer && !Number.isInteger(parsed))) {
    console.error(`--${name} must be a ${integer ? 'whole ' : ''}number ≥ 0, not '${value}'`);
    process.exit(1);
  }
  return parsed;
}

let config;
try {
  config = loadConfig({ ...process.env, ...(values['database-url'] ? { DATABASE_URL: values['database-url'] } : {}) });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const log = createLogger('warn');
let database;
try {
  database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
} catch (error) {
  if (!(error instanceof DataDirLockedError)) throw error;
  console.error(`${error.message}\nStop the server first (the embedded database serves one process), or seed its PostgreSQL.`);
  process.exit(1);
}

try {
  await prepareDatabase(database, config, log);
  const customers = number('customers', values.customers, true);
  console.log(`Seeding ${customers.toLocaleString('en')} customers into ${database.kind === 'postgres' ? 'PostgreSQL' : `the embedded database in ${config.dataDir}`}…`);
  let lastPrint = 0;
  const summary = await seedDemoData(database.db, {
    customers,
    dealsPerCustomer: number('deals-per-customer', values['deals-per-customer']),
    activitiesPerCustomer: number('activities-per-customer', values['activities-per-customer']),
    leadsPerCustomer: number('leads-per-customer', values['leads-per-customer']),
    seed: values.seed,
    audit: !values['no-audit'],
    concurrency: database.kind === 'postgres' ? 4 : 1,
    onProgress(p) {
      if (p.customers < p.of && p.seconds - lastPrint < 2) return;
      lastPrint = p.seconds;
      console.log(`  ${p.customers.toLocaleString('en')} / ${p.of.toLocaleString('en')} customers, ${p.rows.toLocaleString('en')} rows, ${Math.round(p.rows / p.seconds).toLocaleString('en')} rows/s`);
    },
  });
  console.log(`\nRun ${summary.run}: ${summary.totalRows.toLocaleString('en')} rows in ${summary.seconds.toFixed(1)} s (${summary.rowsPerSecond.toLocaleString('en')} rows/s)`);
  console.table(summary.rows);
  console.log(`Demo sign-ins (password '${DEMO_PASSWORD}'), besides the admin ${config.adminEmail}:`);
  // Everyone above the teams, and the first team of each branch.
  const shown = summary.org.logins.filter((l) => !/^(rep|team lead)/.test(l.role) || /-1a?@/.test(l.email));
  for (const login of shown) console.log(`  ${login.email.padEnd(42)} ${login.role}`);
  console.log(`  … and ${summary.org.logins.length} demo users in all (rep.<branch>-<team><a|b|c>, lead.<branch>-<team>, manager.<branch>)`);
} finally {
  await database.close();
}
