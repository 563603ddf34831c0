import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * initdb inside PGlite takes seconds; loading a dumped data folder takes well under one.
 * The dump is made once per machine (tap's `before` script) and reused by every file.
 */
const TEMPLATE = path.resolve(import.meta.dirname, '../../.cache/pglite-template.tar.gz');

export async function ensurePGliteTemplate(): Promise<string> {
  try {
    await readFile(TEMPLATE, { flag: 'r' });
    return TEMPLATE;
  } catch {
    await mkdir(path.dirname(TEMPLATE), { recursive: true });
    const pglite = await PGlite.create('memory://');
    const dump = await pglite.dumpDataDir('gzip');
    await pglite.close();
    // Written aside and renamed, so a concurrent reader never sees half a file.
    const partial = `${TEMPLATE}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, TEMPLATE);
    return TEMPLATE;
  }
}

/** A fresh in-memory PostgreSQL, private to the caller. */
export async function createPGliteFromTemplate(): Promise<PGlite> {
  const template = await readFile(await ensurePGliteTemplate());
  return PGlite.create('memory://', { loadDataDir: new Blob([template]) });
}
