import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

type Who = 'admin' | 'ceo' | 'northHead' | 'n1Head' | 'repN1' | 'repN1b' | 'teamRep' | 'repS1' | 'loner';
type Key = 'ownN1' | 'sharedN1North' | 'sharedN1South' | 'ownS1' | 'teamN1a' | 'lonerNoUnit' | 'hqNoOwner';

/**
 * Who sees and changes which customer (see crm-fixture.ts for the org chart):
 *   ownN1          owner repN1,   unit N1,  no region
 *   sharedN1North  owner repN1b,  unit N1,  region N   (N1 lies in North)
 *   sharedN1South  owner repN1b,  unit N1,  region S   territory: hidden from N1's other reps
 *   ownS1          owner repS1,   unit S1,  region S
 *   teamN1a        owner teamRep, unit N1a (below N1)
 *   lonerNoUnit    owner loner,   no unit
 *   hqNoOwner      no owner,      unit HQ
 */
const SEES: Record<Who, Key[]> = {
  admin: ['ownN1', 'sharedN1North', 'sharedN1South', 'ownS1', 'teamN1a', 'lonerNoUnit', 'hqNoOwner'],
  ceo: ['ownN1', 'sharedN1North', 'sharedN1South', 'ownS1', 'teamN1a', 'hqNoOwner'], // head of HQ: the whole tree, not unit-less records
  northHead: ['ownN1', 'sharedN1North', 'sharedN1South', 'teamN1a'], // head of North: N1 and N1a, regions do not bind managers
  n1Head: ['ownN1', 'sharedN1North', 'sharedN1South', 'teamN1a'],
  repN1: ['ownN1', 'sharedN1North'], // own + shared with N1, minus the southern one
  repN1b: ['ownN1', 'sharedN1North', 'sharedN1South'], // owns the southern one: owners are not bound by territory
  teamRep: ['teamN1a'], // a team member does not see the parent branch's shared records
  repS1: ['ownS1'],
  loner: ['lonerNoUnit'],
};

t.test('access from the org chart: roles × customers × list/get/search/update', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { units, people } = crm;
    const specs: Record<Key, object> = {
      ownN1: { ownerId: people.repN1.id, unitId: units.n1 },
      sharedN1North: { ownerId: people.repN1b.id, unitId: units.n1, region: 'N' },
      sharedN1South: { ownerId: people.repN1b.id, unitId: units.n1, region: 'S' },
      ownS1: { ownerId: people.repS1.id, unitId: units.s1, region: 'S' },
      teamN1a: { ownerId: people.teamRep.id, unitId: units.n1a },
      lonerNoUnit: { ownerId: people.loner.id },
      hqNoOwner: { ownerId: null, unitId: units.hq },
    };
    const ids = {} as Record<Key, string>;
    for (const [key, spec] of Object.entries(specs) as Array<[Key, object]>) {
      ids[key] = (await crm.call('POST', '/api/customers', { kind: 'company', name: `Matrix ${key}`, ...spec })).id;
    }
    const tokenOf = (who: Who) => (who === 'admin' ? crm.admin : people[who].token);
    const keyOf = (id: string) => (Object.keys(ids) as Key[]).find((k) => ids[k] === id);
    const listed = async (who: Who, url: string) => {
      const reply = await crm.as(tokenOf(who), { method: 'GET', url });
      return (reply.json().items as Array<{ id: string }>).map((c) => keyOf(c.id)).filter(Boolean).sort();
    };

    for (const who of Object.keys(SEES) as Who[]) {
      await t.test(`${who}`, async (t) => {
        const expected = [...SEES[who]].sort();
        t.same(await listed(who, '/api/customers?limit=200'), expected, 'list');
        t.same(await listed(who, '/api/customers?q=matrix&limit=200'), expected, 'search');
        for (const key of Object.keys(ids) as Key[]) {
          const visible = SEES[who].includes(key);
          const get = await crm.as(tokenOf(who), { method: 'GET', url: `/api/customers/${ids[key]}` });
          t.equal(get.statusCode, visible ? 200 : 404, `get ${key}`);
          const version = (await crm.call('GET', `/api/customers/${ids[key]}`)).version;
          const update = await crm.as(tokenOf(who), { method: 'PATCH', url: `/api/customers/${ids[key]}`, payload: { source: `by ${who}`, version } });
          t.equal(update.statusCode, visible ? 200 : 404, `update ${key}`);
        }
      });
    }

    await t.test('a substitute sees the absent user’s scope only during [from, to), and writes on their behalf', async (t) => {
      // loner stands in for repN1; the window is moved in the database to play before / during / after.
      const hour = 3600_000;
      const now = Date.now();
      const sub = await crm.call('POST', '/api/substitutions', {
        absentUserId: people.repN1.id,
        substituteId: people.loner.id,
        from: new Date(now + hour).toISOString(),
        to: new Date(now + 2 * hour).toISOString(),
      }, people.repN1.token);
      const setWindow = (from: number, to: number) =>
        database.db.updateTable('substitutions').set({ starts_at: new Date(from), ends_at: new Date(to) }).where('id', '=', sub.id).execute();
      const get = (key: Key) => crm.as(people.loner.token, { method: 'GET', url: `/api/customers/${ids[key]}` });

      t.same(await listed('loner', '/api/customers'), ['lonerNoUnit'], 'before: own scope only');
      t.equal((await get('ownN1')).statusCode, 404, 'before: get refused');

      await setWindow(now - hour, now + hour);
      t.same(await listed('loner', '/api/customers'), ['lonerNoUnit', 'ownN1', 'sharedN1North'], 'during: plus exactly what repN1 sees');
      t.same(await listed('loner', '/api/customers?q=matrix%20own'), ['ownN1'], 'during: search too');
      t.equal((await get('sharedN1South')).statusCode, 404, 'during: not more than repN1 sees');
      const current = (await get('ownN1')).json();
      const patched = await crm.as(people.loner.token, { method: 'PATCH', url: `/api/customers/${ids.ownN1}`, payload: { status: 'qualified', version: current.version } });
      t.equal(patched.statusCode, 200, 'during: may update');
      const own = (await get('lonerNoUnit')).json();
      const ownPatch = await crm.as(people.loner.token, { method: 'PATCH', url: `/api/customers/${ids.lonerNoUnit}`, payload: { status: 'regular', version: own.version } });
      t.equal(ownPatch.statusCode, 200);
      const audit = await database.db.selectFrom('audit_log').selectAll().where('actor_id', '=', people.loner.id).where('entity_type', '=', 'customer').orderBy('id').execute();
      const last = audit.slice(-2);
      t.match(last[0], { entity_id: ids.ownN1, action: 'update', on_behalf_of_id: people.repN1.id, before: { status: 'new' }, after: { status: 'qualified' } }, 'write for repN1 audited on his behalf');
      t.match(last[1], { entity_id: ids.lonerNoUnit, on_behalf_of_id: null }, 'own write audited as own');

      await setWindow(now - 2 * hour, now - hour);
      t.same(await listed('loner', '/api/customers'), ['lonerNoUnit'], 'after: own scope only again');
      t.equal((await get('ownN1')).statusCode, 404, 'after: get refused');
      const late = await crm.as(people.loner.token, { method: 'PATCH', url: `/api/customers/${ids.ownN1}`, payload: { status: 'lost', version: current.version + 1 } });
      t.equal(late.statusCode, 404, 'after: update refused');
    });

    await t.test('a rep may not create outside his scope; a substitute may create for the absent user', async (t) => {
      const foreign = await crm.as(people.repS1.token, { method: 'POST', url: '/api/customers', payload: { kind: 'person', name: 'Matrix planted', ownerId: people.repN1.id } });
      t.equal(foreign.statusCode, 403);
      t.equal(foreign.json().code, 'SRV_ERR_FORBIDDEN');
      const count = await database.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).where('name', '=', 'Matrix planted').executeTakeFirstOrThrow();
      t.equal(Number(count.n), 0, 'nothing written');
      const shared = await crm.as(people.repS1.token, { method: 'POST', url: '/api/customers', payload: { kind: 'person', name: 'Matrix S1 lead', ownerId: null, unitId: units.s1 } });
      t.equal(shared.statusCode, 201, 'shared with his own unit is fine');
    });
  });
});
