import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { DataDirLockedError, lockDataDir } from '../../server/db/data-dir-lock.js';
import { migrateToLatest, migrationStatus } from '../../server/db/migrate.js';
import { serverMigrations } from '../../server/db/migrations/index.js';
import { eachDatabase } from '../helpers/test-databases.js';

t.test('migrations', async (t) => {
  eachDatabase(t, async (t, database) => {
    t.same(await migrationStatus(database.db), { applied: [], pending: Object.keys(serverMigrations) }, 'all pending on a new database');
    t.same(await migrateToLatest(database.db), Object.keys(serverMigrations), 'applied in name order');
    t.same(await migrateToLatest(database.db), [], 'a second run applies nothing');
    t.same((await migrationStatus(database.db)).pending, []);
  });
});

t.test('LISTEN/NOTIFY', async (t) => {
  eachDatabase(t, async (t, database) => {
    const heard: string[] = [];
    const stop = await database.notifications.listen('ff_test', (payload) => heard.push(payload));
    const waitFor = async (count: number) => {
      for (let i = 0; i < 100 && heard.length < count; i++) await new Promise((r) => setTimeout(r, 20));
    };

    await database.notifications.notify('ff_test', 'plain');
    await waitFor(1);
    t.same(heard, ['plain'], 'should deliver a notification');

    await database.db.transaction().execute(async (trx) => {
      await database.notifications.notify('ff_test', 'in-transaction', trx);
      await new Promise((r) => setTimeout(r, 100));
      t.same(heard, ['plain'], 'should hold a notification until its transaction commits');
    });
    await waitFor(2);
    t.same(heard, ['plain', 'in-transaction']);

    await database.db
      .transaction()
      .execute(async (trx) => {
        await database.notifications.notify('ff_test', 'rolled-back', trx);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await database.notifications.notify('ff_test', 'after');
    await waitFor(3);
    t.same(heard, ['plain', 'in-transaction', 'after'], 'should drop the notification of a rolled-back transaction');

    await stop();
    await database.notifications.notify('ff_test', 'unheard');
    await new Promise((r) => setTimeout(r, 100));
    t.equal(heard.length, 3, 'should stop delivering after unlisten');
  });
});

t.test('data folder lock', async (t) => {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'ff-lock-')), 'data');

  await t.test('should refuse a second holder while the first lives', async (t) => {
    const lock = await lockDataDir(dir);
    t.equal(await readFile(`${dir}.lock`, 'utf8'), String(process.pid));
    const second = await lockDataDir(dir).catch((e: unknown) => e);
    t.type(second, DataDirLockedError);
    t.match((second as Error).message, /in use by another Funnelflow process \(pid \d+\)/);
    await lock.release();
    const again = await lockDataDir(dir);
    await again.release();
  });

  await t.test('should take over the lock of a process that no longer runs', async (t) => {
    await writeFile(`${dir}.lock`, '2147483646'); // no such pid
    const lock = await lockDataDir(dir);
    t.equal(await readFile(`${dir}.lock`, 'utf8'), String(process.pid));
    await lock.release();
  });
});
