import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

t.test('organisation: units, positions, holders', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { units, people } = crm;
    const unitCount = async () => Number((await database.db.selectFrom('org_units').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    await t.test('should keep a materialised path and inherit the parent’s region', async (t) => {
      const team = (await crm.call('GET', `/api/org-units/${units.n1a}`, undefined, people.repS1.token)) as { path: string; region: string; parentId: string };
      t.equal(team.path, `/${units.hq}/${units.north}/${units.n1}/${units.n1a}/`);
      t.equal(team.region, 'N', 'inherited from North through N1');
      t.equal(team.parentId, units.n1);
    });

    await t.test('should list a subtree in tree order, readable by anyone signed in', async (t) => {
      const north = await crm.call('GET', `/api/org-units?under=${units.north}`, undefined, people.loner.token);
      t.same(north.items.map((u: { id: string }) => u.id), [units.north, units.n1, units.n1a]);
      const all = await crm.call('GET', '/api/org-units', undefined, people.loner.token);
      t.equal(all.items.length, 6);
      t.equal(all.items[0].id, units.hq, 'the root first');
      const missing = await crm.as(crm.admin, { method: 'GET', url: '/api/org-units?under=00000000-0000-4000-8000-000000000000' });
      t.equal(missing.statusCode, 404);
    });

    await t.test('should move a unit with its subtree', async (t) => {
      const moved = await crm.call('PATCH', `/api/org-units/${units.n1}`, { parentId: units.south });
      t.equal(moved.path, `/${units.hq}/${units.south}/${units.n1}/`);
      const team = await crm.call('GET', `/api/org-units/${units.n1a}`);
      t.equal(team.path, `/${units.hq}/${units.south}/${units.n1}/${units.n1a}/`, 'descendants follow');
      const south = await crm.call('GET', `/api/org-units?under=${units.south}`);
      t.same(south.items.map((u: { id: string }) => u.id).sort(), [units.south, units.s1, units.n1, units.n1a].sort());
      await crm.call('PATCH', `/api/org-units/${units.n1}`, { parentId: units.north });
    });

    await t.test('should refuse to move a unit under itself or its descendant (409), changing nothing', async (t) => {
      for (const target of [units.n1a, units.north]) {
        const response = await crm.as(crm.admin, { method: 'PATCH', url: `/api/org-units/${units.north}`, payload: { parentId: target, name: 'Renamed' } });
        t.equal(response.statusCode, 409);
        t.equal(response.json().code, 'SRV_ERR_CONFLICT');
        t.match(response.json().message, /cycle/);
      }
      const north = await crm.call('GET', `/api/org-units/${units.north}`);
      t.match(north, { name: 'North', parentId: units.hq, path: `/${units.hq}/${units.north}/` });
    });

    await t.test('should let only admins shape the org, naming bad fields, writing nothing', async (t) => {
      const before = await unitCount();
      const rep = await crm.as(people.n1Head.token, { method: 'POST', url: '/api/org-units', payload: { kind: 'team', name: 'Rogue', parentId: units.n1 } });
      t.equal(rep.statusCode, 403);
      t.equal((await crm.as(people.n1Head.token, { method: 'PATCH', url: `/api/org-units/${units.n1}`, payload: { name: 'Mine' } })).statusCode, 403);
      t.equal((await crm.as(people.n1Head.token, { method: 'PUT', url: `/api/positions/00000000-0000-4000-8000-000000000000/holders/${people.n1Head.id}` })).statusCode, 403);
      const badKind = await crm.as(crm.admin, { method: 'POST', url: '/api/org-units', payload: { kind: 'galaxy', name: 'X' } });
      t.equal(badKind.statusCode, 400);
      t.equal(badKind.json().details.fields[0].field, 'body.kind');
      const noParent = await crm.as(crm.admin, { method: 'POST', url: '/api/org-units', payload: { kind: 'team', name: 'X', parentId: '00000000-0000-4000-8000-000000000000' } });
      t.equal(noParent.statusCode, 404);
      t.equal(await unitCount(), before);
    });

    await t.test('should seat and unseat holders; a user may hold several positions', async (t) => {
      const deputy = await crm.call('POST', '/api/positions', { unitId: units.s1, title: 'Deputy head', isHead: true });
      t.match(deputy, { unitId: units.s1, title: 'Deputy head', isHead: true, holderIds: [] });
      const seated = await crm.call('PUT', `/api/positions/${deputy.id}/holders/${people.repN1.id}`);
      t.same(seated.holderIds, [people.repN1.id]);
      t.same((await crm.call('PUT', `/api/positions/${deputy.id}/holders/${people.repN1.id}`)).holderIds, [people.repN1.id], 'idempotent');
      const held = await crm.call('GET', `/api/positions?userId=${people.repN1.id}`, undefined, people.repN1.token);
      t.same(held.items.map((p: { title: string }) => p.title).sort(), ['Deputy head', 'Sales rep']);
      const unseated = await crm.call('DELETE', `/api/positions/${deputy.id}/holders/${people.repN1.id}`);
      t.same(unseated.holderIds, []);
      const noUser = await crm.as(crm.admin, { method: 'PUT', url: `/api/positions/${deputy.id}/holders/00000000-0000-4000-8000-000000000000` });
      t.equal(noUser.statusCode, 404);
    });

    await t.test('should delete only empty units, and positions with their seats', async (t) => {
      const busy = await crm.as(crm.admin, { method: 'DELETE', url: `/api/org-units/${units.n1}` });
      t.equal(busy.statusCode, 409);
      t.match(busy.json().message, /children, positions/);
      const spare = await crm.call('POST', '/api/org-units', { kind: 'team', name: 'Spare', parentId: units.s1 });
      const seat = await crm.call('POST', '/api/positions', { unitId: spare.id, title: 'Temp', isHead: false });
      await crm.call('PUT', `/api/positions/${seat.id}/holders/${people.loner.id}`);
      t.equal((await crm.as(crm.admin, { method: 'DELETE', url: `/api/org-units/${spare.id}` })).statusCode, 409, 'still has a position');
      t.equal((await crm.as(people.n1Head.token, { method: 'DELETE', url: `/api/positions/${seat.id}` })).statusCode, 403);
      t.equal((await crm.as(crm.admin, { method: 'DELETE', url: `/api/positions/${seat.id}` })).statusCode, 204);
      t.same((await crm.call('GET', `/api/positions?userId=${people.loner.id}`)).items, [], 'the holder is unseated');
      t.equal((await crm.as(crm.admin, { method: 'DELETE', url: `/api/org-units/${spare.id}` })).statusCode, 204);
      t.equal((await crm.as(crm.admin, { method: 'GET', url: `/api/org-units/${spare.id}` })).statusCode, 404);
    });

    await t.test('should audit every org write with its actor', async (t) => {
      const entries = await crm.call('GET', `/api/audit-log?entityType=org_unit&entityId=${units.n1}`);
      t.same(entries.items.map((e: { action: string }) => e.action), ['update', 'update', 'create'], 'newest first: two moves, one create');
      t.match(entries.items[1], { before: { parentId: units.north }, after: { parentId: units.south }, onBehalfOfId: null });
      t.equal((await crm.as(people.repN1.token, { method: 'GET', url: '/api/audit-log' })).statusCode, 403, 'admins only');
    });
  });
});
