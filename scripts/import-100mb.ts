// `npx tsx scripts/import-100mb.ts [MB]`: streams a generated CSV (default 100 MB) through
// POST /api/leads/import on a fresh embedded database (or DATABASE_URL's server) and prints
// time, rows/s and memory — resident set and JS heap, sampled while the import runs.
import { buildApp } from '../server/app.js';
import { prepareDatabase } from '../server/bootstrap.js';
import { openPostgres, wrapPGlite, type DatabaseHandle } from '../server/db/database.js';
import { createLogger } from '../server/logger.js';
import { GENERATED_MAPPING, generatedCsv } from '../test/crm/fixtures/leads/generated-csv.js';
import { multipart } from '../test/crm/fixtures/leads/multipart.js';
import { createPGliteFromTemplate } from '../test/helpers/pglite-template.js';
import { createScratchDatabase } from '../test/helpers/test-databases.js';

const megabytes = Number(process.argv[2] ?? 100);
const admin = { email: 'admin@import.local', password: 'admin-password-1' };
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

let drop = async () => undefined as unknown;
let database: DatabaseHandle;
if (process.env.DATABASE_URL) {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL);
  drop = scratch.drop;
  database = openPostgres(scratch.url);
} else {
  database = wrapPGlite(await createPGliteFromTemplate());
}
const log = createLogger('silent');
const { tokenSecret } = await prepareDatabase(database, { adminEmail: admin.email, adminPassword: admin.password, secret: undefined }, log);
const app = await buildApp({ config: { tokenTtlSeconds: 3600, loginRateLimit: 1000, uiDir: undefined, logLevel: 'silent' }, database, tokenSecret, logger: log, runJobs: false });
await app.ready();
const { token } = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: admin })).json<{ token: string }>();

global.gc?.();
const baseline = process.memoryUsage();
const peak = { rss: baseline.rss, heap: baseline.heapUsed };
// Sampled as the upload is read (a timer may never fire: the import can run on microtasks alone).
async function* sampled() {
  for await (const chunk of generatedCsv(megabytes * 1024 ** 2)) {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heap = Math.max(peak.heap, now.heapUsed);
    yield chunk;
  }
}

const started = performance.now();
const { headers, payload } = multipart({ mapping: JSON.stringify(GENERATED_MAPPING), source: 'bought_list' }, { name: `generated-${megabytes}mb.csv`, content: sampled });
const response = await app.inject({ method: 'POST', url: '/api/leads/import', headers: { ...headers, authorization: `Bearer ${token}` }, payload });
const seconds = (performance.now() - started) / 1000;

const result = response.json();
console.log(`database: ${database.kind}; status ${response.statusCode} ${result.status ?? result.message}`);
console.log(`read ${mb(result.bytesRead)}, ${result.rowsProcessed} rows: ${result.imported} imported, ${result.rejected} rejected, ${result.duplicates} duplicates`);
console.log(`time ${seconds.toFixed(1)} s: ${(result.bytesRead / 1024 ** 2 / seconds).toFixed(1)} MB/s, ${Math.round(result.rowsProcessed / seconds)} rows/s`);
console.log(`memory: RSS ${mb(baseline.rss)} before → peak ${mb(peak.rss)}; JS heap ${mb(baseline.heapUsed)} before → peak ${mb(peak.heap)}`);
await app.close();
await database.close();
await drop();
