import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * PGlite has no inter-process lock: two processes opening one data folder would both
 * write and corrupt it. We take `<dir>.lock` (O_EXCL) holding our pid before opening.
 * A lock whose pid no longer runs is stale (a crashed server) and is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly holderPid: number) {
    super(
      `The data folder ${dataDir} is in use by another Funnelflow process (pid ${holderPid}). ` +
        'Stop that process, or set FUNNELFLOW_DATA_DIR to another folder.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): Promise<void>;
}

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  await mkdir(path.dirname(dataDir), { recursive: true });
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => unlink(lockPath).catch(() => undefined) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) throw new DataDirLockedError(dataDir, holder);
      await unlink(lockPath).catch(() => undefined);
    }
  }
  throw new Error(`Expected to take the lock ${lockPath}, but another process keeps re-creating it`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
