import type { Kysely } from 'kysely';

/**
 * `trx` as seen by services that open their own transaction (`db.transaction().execute(fn)`):
 * on the returned view, `transaction().execute(fn)` runs `fn` inside `trx` instead of failing
 * (kysely cannot nest transactions). Lead conversion uses it to call the customers', contacts'
 * and deals' own services — their checks, scope rules and audit — and still commit or roll
 * back everything as one. Methods are bound to `trx` itself: kysely keeps private fields.
 */
export function joinTransaction<DB>(trx: Kysely<DB>): Kysely<DB> {
  const joined: Kysely<DB> = new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => ({ execute: <T>(fn: (db: Kysely<DB>) => Promise<T>) => fn(joined) });
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return joined;
}
