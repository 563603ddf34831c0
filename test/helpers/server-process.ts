import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/**
 * `npm start`'s server process (without the UI build): on an embedded database folder,
 * or on `databaseUrl` when given. The caller kills it.
 */
export function spawnServer(options: { dataDir: string; databaseUrl?: string }): ServerProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, FUNNELFLOW_DATA_DIR: options.dataDir, PORT: '0', LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Waits for the server's "listening" log line and returns its base URL. */
export async function listeningUrl(server: ServerProcess): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output());
    if (match) return match[1]!;
    if (server.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Expected the server to listen, but it did not:\n${server.output()}`);
}

/** Signs in as the default first admin and returns the token. */
export async function signInAsDefaultAdmin(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@funnelflow.local', password: 'funnelflow' }),
  });
  return ((await response.json()) as { token: string }).token;
}
