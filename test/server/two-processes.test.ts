import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { listeningUrl, signInAsDefaultAdmin as signIn, spawnServer } from '../helpers/server-process.js';

const startServer = (dataDir: string) => spawnServer({ dataDir });

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
