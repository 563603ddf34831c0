import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

const hour = 3600_000;
const at = (hours: number) => new Date(Date.UTC(2031, 2, 3, 9) + hours * hour).toISOString(); // a Monday, 09:00Z

interface Activity {
  id: string;
  version: number;
  status: string;
  participants: { users: Array<{ id: string }>; contacts: Array<{ id: string }>; resources: Array<{ id: string }> };
}

t.test('activities', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    const rep = people.repN1;
    const post = (body: object, token = rep.token) => crm.as(token, { method: 'POST', url: '/api/activities', payload: body });
    const get = (id: string, token: string) => crm.as(token, { method: 'GET', url: `/api/activities/${id}` });
    const patch = (id: string, body: object, token = rep.token, headers: Record<string, string> = {}) => crm.as(token, { method: 'PATCH', url: `/api/activities/${id}`, payload: body, headers });
    const count = async (table: 'activities' | 'activity_participants' | 'activity_reminders') =>
      Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

    const company = (await crm.call('POST', '/api/customers', { kind: 'company', name: 'Acme N1', ownerId: rep.id, unitId: units.n1 })).id as string;
    const southCompany = (await crm.call('POST', '/api/customers', { kind: 'company', name: 'South Ltd', ownerId: people.repS1.id, unitId: units.s1, region: 'S' })).id as string;
    const contact = (await crm.call('POST', '/api/customers', { kind: 'person', name: 'Jane Buyer', emails: [{ value: 'jane@acme.test', primary: true }] })).id as string;
    await crm.call('PUT', `/api/customers/${company}/contacts/${contact}`, { function: 'Purchasing' });
    const room = (await crm.call('POST', '/api/resources', { kind: 'room', name: 'Room Alpha', capacity: 8, location: 'HQ 2nd floor' })).id as string;

    let meeting: Activity;
    await t.test('should plan a meeting with colleagues, a contact of its customer and a room', async (t) => {
      const response = await post({
        kind: 'meeting',
        subject: 'Quarterly review',
        startsAt: at(1),
        endsAt: at(2),
        location: 'Room Alpha',
        customerId: company,
        participants: { userIds: [people.repN1b.id], contactIds: [contact], resourceIds: [room] },
        reminders: [15, 60],
      });
      t.equal(response.statusCode, 201, response.body);
      meeting = response.json();
      t.match(meeting, {
        kind: 'meeting',
        subject: 'Quarterly review',
        startsAt: at(1),
        endsAt: at(2),
        dueAt: null,
        status: 'planned',
        result: null,
        ownerId: rep.id,
        customerId: company,
        reminders: [15, 60],
        version: 1,
        warnings: [],
        participants: { users: [{ id: people.repN1b.id, name: 'Rep N1b' }], contacts: [{ id: contact, name: 'Jane Buyer' }], resources: [{ id: room, name: 'Room Alpha', kind: 'room' }] },
      });
      t.equal(response.headers.etag, '"1"');
      t.equal(await count('activity_reminders'), 4, 'two reminders for the owner and two for the participant');
      const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_type', '=', 'activity').where('entity_id', '=', meeting.id).execute();
      t.same(audit, [{ action: 'create', actor_id: rep.id }]);
    });

    await t.test('should name the bad field and write nothing', async (t) => {
      const before = [await count('activities'), await count('activity_participants'), await count('activity_reminders')];
      const cases: Array<[object, string]> = [
        [{ kind: 'meeting', subject: 'No time' }, 'body.startsAt'],
        [{ kind: 'task', subject: 'No deadline', startsAt: at(0), endsAt: at(1) }, 'body.dueAt'],
        [{ kind: 'call', subject: 'Backwards', startsAt: at(2), endsAt: at(1) }, 'body.endsAt'],
        [{ kind: 'event', subject: 'Too long', startsAt: at(0), endsAt: at(24 * 40) }, 'body.endsAt'],
        [{ kind: 'event', subject: 'Half a day', startsAt: at(0), endsAt: at(5), allDay: true }, 'body.allDay'],
        [{ kind: 'call', subject: '   ', startsAt: at(0), endsAt: at(1) }, 'body.subject'],
        [{ kind: 'call', subject: 'X', startsAt: at(0), endsAt: at(1), customerId: southCompany }, 'body.customerId'],
        [{ kind: 'call', subject: 'X', startsAt: at(0), endsAt: at(1), participants: { userIds: ['00000000-0000-4000-8000-000000000000'] } }, 'body.participants.userIds'],
        [{ kind: 'call', subject: 'X', startsAt: at(0), endsAt: at(1), participants: { resourceIds: ['00000000-0000-4000-8000-000000000000'] } }, 'body.participants.resourceIds'],
        [{ kind: 'call', subject: 'X', startsAt: at(0), endsAt: at(1), status: 'done' }, 'body.result'],
        [{ kind: 'visit', subject: 'X' }, 'body.kind'],
      ];
      for (const [body, field] of cases) {
        const response = await post(body);
        t.equal(response.statusCode, 400, `${JSON.stringify(body)} → 400`);
        t.equal(response.json().code, 'SRV_ERR_VALIDATION');
        t.match(response.json().details.fields, [{ field }], field);
      }
      t.same([await count('activities'), await count('activity_participants'), await count('activity_reminders')], before);
    });

    await t.test('should refuse to create what the creator could not see (403)', async (t) => {
      const response = await post({ kind: 'task', subject: 'For a stranger', dueAt: at(5), ownerId: people.repS1.id });
      t.equal(response.statusCode, 403);
      const asManager = await post({ kind: 'task', subject: 'For my rep', dueAt: at(5), ownerId: rep.id }, people.n1Head.token);
      t.equal(asManager.statusCode, 201, 'a manager may assign work to his people');
    });

    await t.test('should show an activity to owner, participants, its customer’s scope and managers, and 404 to others', async (t) => {
      const visible = [rep, people.repN1b, people.n1Head, people.northHead, people.ceo];
      for (const person of visible) t.equal((await get(meeting.id, person.token)).statusCode, 200);
      t.equal((await get(meeting.id, crm.admin)).statusCode, 200, 'admin');
      for (const person of [people.repS1, people.loner, people.teamRep]) t.equal((await get(meeting.id, person.token)).statusCode, 404);

      const private1 = (await post({ kind: 'call', subject: 'Private call', startsAt: at(3), endsAt: at(4), participants: { userIds: [people.loner.id] } })).json() as Activity;
      t.equal((await get(private1.id, people.loner.token)).statusCode, 200, 'a user participant sees it without any customer');
      t.equal((await get(private1.id, people.repN1b.token)).statusCode, 404, 'a colleague does not');
      const listed = (await crm.call('GET', '/api/activities', undefined, people.loner.token)).items.map((a: Activity) => a.id);
      t.same(listed, [private1.id], 'the list applies the same rule');
    });

    await t.test('should let a substitute see and change the absent user’s activities, audited on their behalf', async (t) => {
      await crm.call('POST', '/api/substitutions', { absentUserId: people.loner.id, substituteId: people.repS1.id, from: new Date(Date.now() - hour).toISOString(), to: new Date(Date.now() + hour).toISOString() });
      const loners = (await crm.call('GET', '/api/activities', undefined, people.loner.token)).items as Activity[];
      const [call] = loners;
      t.equal((await get(call!.id, people.repS1.token)).statusCode, 200);
      const changed = await patch(call!.id, { location: 'Phone', version: call!.version }, people.repS1.token);
      t.equal(changed.statusCode, 200, changed.body);
      const audit = await database.db.selectFrom('audit_log').select(['actor_id', 'on_behalf_of_id']).where('entity_id', '=', call!.id).where('action', '=', 'update').executeTakeFirstOrThrow();
      t.same(audit, { actor_id: people.repS1.id, on_behalf_of_id: people.loner.id });
    });

    await t.test('should change under If-Match, refuse a stale version, and record the result when done', async (t) => {
      const stale = await patch(meeting.id, { subject: 'X' }, rep.token, { 'if-match': '"7"' });
      t.equal(stale.statusCode, 409);
      t.match(stale.json(), { code: 'SRV_ERR_CONFLICT', details: { currentVersion: 1 } });
      const noVersion = await patch(meeting.id, { subject: 'X' });
      t.match(noVersion.json().details.fields, [{ field: 'body.version' }]);

      const doneWithoutResult = await patch(meeting.id, { status: 'done' }, rep.token, { 'if-match': '"1"' });
      t.equal(doneWithoutResult.statusCode, 400);
      t.match(doneWithoutResult.json().details.fields, [{ field: 'body.result' }]);

      const renamed = await patch(meeting.id, { subject: 'Quarterly review (Q1)', participants: { contactIds: [] } }, rep.token, { 'if-match': '"1"' });
      t.equal(renamed.statusCode, 200);
      t.match(renamed.json(), { subject: 'Quarterly review (Q1)', version: 2, participants: { contacts: [], users: [{ id: people.repN1b.id }], resources: [{ id: room }] } });
      t.equal(renamed.headers.etag, '"2"');

      const completed = await crm.as(rep.token, { method: 'POST', url: `/api/activities/${meeting.id}/complete`, payload: { result: 'Agreed on a pilot.\nNext: offer.' }, headers: { 'if-match': '"2"' } });
      t.equal(completed.statusCode, 200, completed.body);
      t.match(completed.json(), { status: 'done', result: 'Agreed on a pilot.\nNext: offer.', version: 3 });
      t.ok(completed.json().completedAt);
      const blank = await crm.as(rep.token, { method: 'POST', url: `/api/activities/${meeting.id}/complete`, payload: { result: ' ', version: 3 } });
      t.equal(blank.statusCode, 400);
      const actions = await database.db.selectFrom('audit_log').select('action').where('entity_id', '=', meeting.id).orderBy('id').execute();
      t.same(actions.map((a) => a.action), ['create', 'update', 'complete']);
    });

    await t.test('should log a past call as done in one step, and take the deal’s customer', async (t) => {
      const pipeline = (await crm.call('POST', '/api/pipelines', { name: 'Sales', stages: [{ key: 'lead', name: 'Lead', probability: 10, expectedDays: 7 }] })).id;
      const deal = (await crm.call('POST', '/api/deals', { customerId: company, title: 'Pilot', amount: '100', currency: 'EUR', pipelineId: pipeline }, rep.token)).id;
      const response = await post({ kind: 'call', subject: 'Follow-up', startsAt: at(-3), endsAt: at(-2.5), dealId: deal, status: 'done', result: 'Interested' });
      t.equal(response.statusCode, 201, response.body);
      t.match(response.json(), { status: 'done', result: 'Interested', dealId: deal, customerId: company });
      const mismatch = await post({ kind: 'call', subject: 'X', startsAt: at(0), endsAt: at(1), dealId: deal, customerId: southCompany });
      t.equal(mismatch.statusCode, 400);
    });

    await t.test('should filter, sort and page the list', async (t) => {
      for (let i = 0; i < 3; i++) await post({ kind: 'task', subject: `Send offer ${i}`, dueAt: at(10 + i), customerId: company });
      const tasks = await crm.call('GET', `/api/activities?kind=task&customerId=${company}&q=send&sort=-startsAt&limit=2`, undefined, rep.token);
      t.same(tasks.items.map((a: { subject: string }) => a.subject), ['Send offer 2', 'Send offer 1']);
      t.ok(tasks.nextCursor);
      const next = await crm.call('GET', `/api/activities?kind=task&customerId=${company}&q=send&sort=-startsAt&limit=2&after=${tasks.nextCursor}`, undefined, rep.token);
      t.same(next.items.map((a: { subject: string }) => a.subject), ['Send offer 0']);
      t.equal(next.nextCursor, null);
      const done = await crm.call('GET', '/api/activities?status=done', undefined, rep.token);
      t.ok(done.items.every((a: Activity) => a.status === 'done') && done.items.length === 2);
      const withRoom = await crm.call('GET', `/api/activities?resourceId=${room}`, undefined, rep.token);
      t.same(withRoom.items.map((a: Activity) => a.id), [meeting.id]);
      const ofColleague = await crm.call('GET', `/api/activities?participantUserId=${people.repN1b.id}`, undefined, rep.token);
      t.same(ofColleague.items.map((a: Activity) => a.id), [meeting.id]);
      const windowed = await crm.call('GET', `/api/activities?from=${at(1.5)}&to=${at(3.5)}`, undefined, rep.token);
      t.same(windowed.items.map((a: { subject: string }) => a.subject), ['Quarterly review (Q1)', 'Private call'], 'overlapping the window');
      const forged = await crm.as(rep.token, { method: 'GET', url: '/api/activities?sort=createdAt&after=' + tasks.nextCursor });
      t.equal(forged.statusCode, 400, 'a cursor of another sort');
    });

    await t.test('should let admins manage resources and keep booked ones', async (t) => {
      const byRep = await crm.as(rep.token, { method: 'POST', url: '/api/resources', payload: { kind: 'car', name: 'Skoda' } });
      t.equal(byRep.statusCode, 403);
      const duplicate = await crm.as(crm.admin, { method: 'POST', url: '/api/resources', payload: { kind: 'room', name: 'room alpha' } });
      t.equal(duplicate.statusCode, 409);
      const car = (await crm.call('POST', '/api/resources', { kind: 'car', name: 'Skoda Octavia' })) as { id: string };
      const laptop = (await crm.call('POST', '/api/resources', { kind: 'laptop', name: 'Loan laptop 1' })) as { id: string };
      const list = await crm.call('GET', '/api/resources?limit=2', undefined, rep.token);
      t.same(list.items.map((r: { name: string }) => r.name), ['Loan laptop 1', 'Room Alpha']);
      const rest = await crm.call('GET', `/api/resources?limit=2&after=${list.nextCursor}`, undefined, rep.token);
      t.same(rest.items.map((r: { name: string }) => r.name), ['Skoda Octavia']);
      t.same((await crm.call('GET', '/api/resources?kind=car', undefined, rep.token)).items.map((r: { id: string }) => r.id), [car.id]);
      const deactivated = await crm.as(crm.admin, { method: 'PATCH', url: `/api/resources/${car.id}`, payload: { active: false }, headers: { 'if-match': '"1"' } });
      t.match(deactivated.json(), { active: false, version: 2 });
      const bookInactive = await post({ kind: 'meeting', subject: 'Drive', startsAt: at(30), endsAt: at(31), participants: { resourceIds: [car.id] } });
      t.equal(bookInactive.statusCode, 400);
      t.equal((await crm.as(crm.admin, { method: 'DELETE', url: `/api/resources/${room}` })).statusCode, 409, 'a booked resource is deactivated, not deleted');
      t.equal((await crm.as(crm.admin, { method: 'DELETE', url: `/api/resources/${laptop.id}` })).statusCode, 204);
      t.equal((await crm.as(rep.token, { method: 'GET', url: `/api/resources/${laptop.id}` })).statusCode, 404);
    });

    await t.test('should document the routes in OpenAPI', async (t) => {
      const doc = (await crm.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      for (const path of ['/api/activities', '/api/activities/{id}', '/api/activities/{id}/complete', '/api/resources', '/api/calendar', '/api/calendar/free-slots', '/api/calendar.ics', '/api/reminders']) {
        t.ok(doc.paths[path], path);
      }
    });
  });
});
