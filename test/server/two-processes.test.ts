import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Server {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** `npm start`'s server process (without the UI build) on an embedded database folder. */
function startServer(dataDir: string): Server {
  const env: NodeJS.ProcessEnv = { ...process.env, FUNNELFLOW_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' };
  delete env.DATABASE_URL; // this is about the embedded database
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function listeningUrl(server: Server): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output());
    if (match) return match[1]!;
    if (server.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Expected the server to listen, but it did not:\n${server.output()}`);
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@funnelflow.local', password: 'funnelflow' }),
  });
  return ((await response.json()) as { token: string }).token;
}

t.test('two servers on one data folder', async (t) => {
  const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'ff-two-')), 'data');
  const first = startServer(dataDir);
  t.teardown(() => void first.child.kill('SIGKILL'));
  const url = await listeningUrl(first);
  t.match(first.output(), /Creating the embedded PostgreSQL database/, 'the first start says it initialises the database');
  t.match(first.output(), /default password/, 'and warns about the default admin password');

  const token = await signIn(url);
  const created = await fetch(`${url}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ email: 'kept@test.local', name: 'Kept', password: 'kept-password', roles: ['rep'] }),
  });
  t.equal(created.status, 201);

  const second = startServer(dataDir);
  t.equal(await second.exited, 1, 'the second server exits with an error');
  t.match(second.output(), new RegExp(`data folder .*data is in use by another Funnelflow process \\(pid ${first.child.pid}\\)`));

  const health = await fetch(`${url}/api/health`);
  t.equal(health.status, 200, 'the first server keeps running');
  const users = (await (await fetch(`${url}/api/users?q=kept`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
  t.equal(users.items.length, 1, 'its data is intact');

  first.child.kill('SIGTERM');
  t.equal(await first.exited, 0, 'SIGTERM shuts down cleanly');
  t.match(first.output(), /Stopped/);

  const restarted = startServer(dataDir);
  t.teardown(() => void restarted.child.kill('SIGKILL'));
  const again = await listeningUrl(restarted);
  t.notMatch(restarted.output(), /Creating the embedded PostgreSQL database/, 'a restart reopens the existing database');
  const afterRestart = (await (await fetch(`${again}/api/users?q=kept`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
  t.equal(afterRestart.items.length, 1, 'the data and the session survive a restart');
  restarted.child.kill('SIGTERM');
  t.equal(await restarted.exited, 0);
});
