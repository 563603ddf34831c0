import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

const day = 24 * 3600_000;
const at = (days: number) => new Date(Date.UTC(2030, 0, 1) + days * day).toISOString();

t.test('substitutions', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people } = crm;
    const create = (token: string, body: object) => crm.as(token, { method: 'POST', url: '/api/substitutions', payload: body });
    const count = async () => Number((await database.db.selectFrom('substitutions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    await t.test('should let A, A’s manager (any head above A) or an admin name a substitute', async (t) => {
      const byA = await create(people.repN1.token, { absentUserId: people.repN1.id, substituteId: people.repN1b.id, from: at(0), to: at(5) });
      t.equal(byA.statusCode, 201);
      t.match(byA.json(), { absentUserId: people.repN1.id, substituteId: people.repN1b.id, from: at(0), to: at(5), createdBy: people.repN1.id });
      t.equal((await create(people.n1Head.token, { absentUserId: people.teamRep.id, substituteId: people.repN1.id, from: at(0), to: at(1) })).statusCode, 201, 'branch head for a team rep below');
      t.equal((await create(people.ceo.token, { absentUserId: people.repS1.id, substituteId: people.repN1.id, from: at(0), to: at(1) })).statusCode, 201, 'the CEO for anyone in the tree');
      t.equal((await create(crm.admin, { absentUserId: people.loner.id, substituteId: people.repN1.id, from: at(0), to: at(1) })).statusCode, 201, 'an admin for anyone');
    });

    await t.test('should refuse others with 403, writing nothing', async (t) => {
      const before = await count();
      for (const [token, absent] of [
        [people.repN1b.token, people.repN1.id], // a colleague
        [people.n1Head.token, people.repS1.id], // a head of another branch
        [people.repN1.token, people.n1Head.id], // a rep for his boss
      ] as const) {
        const response = await create(token, { absentUserId: absent, substituteId: people.loner.id, from: at(10), to: at(11) });
        t.equal(response.statusCode, 403);
        t.equal(response.json().code, 'SRV_ERR_FORBIDDEN');
      }
      t.equal(await count(), before);
    });

    await t.test('should refuse an overlapping range of the same absent user (409) but allow adjacent ones', async (t) => {
      const overlap = await create(crm.admin, { absentUserId: people.repN1.id, substituteId: people.loner.id, from: at(4), to: at(6) });
      t.equal(overlap.statusCode, 409);
      t.equal(overlap.json().code, 'SRV_ERR_CONFLICT');
      const inside = await create(crm.admin, { absentUserId: people.repN1.id, substituteId: people.loner.id, from: at(1), to: at(2) });
      t.equal(inside.statusCode, 409);
      const adjacent = await create(crm.admin, { absentUserId: people.repN1.id, substituteId: people.loner.id, from: at(5), to: at(6) });
      t.equal(adjacent.statusCode, 201, '[from, to) ranges that touch do not overlap');
    });

    await t.test('should name the bad field and write nothing', async (t) => {
      const before = await count();
      const cases: Array<[object, string]> = [
        [{ absentUserId: people.repN1.id, substituteId: people.loner.id, from: at(20), to: at(19) }, 'body.to'],
        [{ absentUserId: people.repN1.id, substituteId: people.repN1.id, from: at(20), to: at(21) }, 'body.substituteId'],
        [{ absentUserId: people.repN1.id, substituteId: people.loner.id, from: 'tomorrow', to: at(21) }, 'body.from'],
        [{ absentUserId: people.repN1.id, from: at(20), to: at(21) }, 'body.substituteId'],
      ];
      for (const [body, field] of cases) {
        const response = await create(crm.admin, body);
        t.equal(response.statusCode, 400, field);
        t.equal(response.json().details.fields[0].field, field);
      }
      const ghost = await create(crm.admin, { absentUserId: people.repN1.id, substituteId: '00000000-0000-4000-8000-000000000000', from: at(20), to: at(21) });
      t.equal(ghost.statusCode, 404);
      t.equal(await count(), before);
    });

    await t.test('should list one’s own substitutions (admins: all), filter by instant, and withdraw', async (t) => {
      const mine = (await crm.call('GET', '/api/substitutions', undefined, people.repN1b.token)).items;
      t.equal(mine.length, 1, 'repN1b is part of one');
      t.equal((await crm.call('GET', '/api/substitutions')).items.length, 5);
      const active = (await crm.call('GET', `/api/substitutions?userId=${people.repN1.id}&activeAt=${encodeURIComponent(at(5.5))}`)).items;
      t.same(active.map((s: { from: string }) => s.from), [at(5)]);
      t.equal((await crm.as(people.loner.token, { method: 'DELETE', url: `/api/substitutions/${mine[0].id}` })).statusCode, 403, 'the substitute cannot withdraw it');
      t.equal((await crm.as(people.repN1.token, { method: 'DELETE', url: `/api/substitutions/${mine[0].id}` })).statusCode, 204);
      t.equal((await crm.call('GET', '/api/substitutions', undefined, people.repN1b.token)).items.length, 0);
      const audit = await crm.call('GET', `/api/audit-log?entityType=substitution&entityId=${mine[0].id}`);
      t.same(audit.items.map((e: { action: string; actorId: string }) => [e.action, e.actorId]), [['delete', people.repN1.id], ['create', people.repN1.id]]);
    });
  });
});
