import t from 'tap';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';
import { planOf } from './helpers/query-plan.js';

const hour = 3600_000;
const monday = Date.UTC(2031, 2, 3); // Monday 3 March 2031, 00:00Z (CET, UTC+1, in Warsaw)
const at = (hours: number) => new Date(monday + hours * hour).toISOString();

interface Entry {
  activityId: string;
  subject: string;
  private: boolean;
  location: string | null;
}

t.test('calendar', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people, units } = crm;
    const post = (body: object, token: string) => crm.as(token, { method: 'POST', url: '/api/activities', payload: body });
    const calendar = (query: string, token: string) => crm.as(token, { method: 'GET', url: `/api/calendar?${query}` });
    const subjects = (items: Entry[]) => items.map((e) => e.subject);

    const company = (await crm.call('POST', '/api/customers', { kind: 'company', name: 'Acme N1', ownerId: people.repN1.id, unitId: units.n1 })).id as string;
    const room = (await crm.call('POST', '/api/resources', { kind: 'room', name: 'Room Alpha' })).id as string;
    const created = async (body: object, token: string) => {
      const response = await post(body, token);
      if (response.statusCode !== 201) throw new Error(`Expected 201, but got ${response.statusCode} ${response.body}`);
      return response.json() as { id: string; version: number; warnings: unknown[] };
    };
    const review = await created({ kind: 'meeting', subject: 'Review', startsAt: at(10), endsAt: at(11), location: 'Room Alpha', customerId: company, participants: { resourceIds: [room] } }, people.repN1.token);
    const southCall = await created({ kind: 'call', subject: 'South sync', startsAt: at(13), endsAt: at(14), location: 'Phone', participants: { userIds: [people.repN1.id] } }, people.repS1.token);
    await created({ kind: 'task', subject: 'Team report', dueAt: at(15) }, people.teamRep.token);
    await created({ kind: 'meeting', subject: 'Yesterday', startsAt: at(-14), endsAt: at(-13) }, people.repN1.token);

    await t.test('should show my own calendar in a window, soonest first', async (t) => {
      const mine = await calendar(`from=${at(0)}&to=${at(24)}`, people.repN1.token);
      t.equal(mine.statusCode, 200, mine.body);
      t.same(subjects(mine.json().items), ['Review', 'South sync']);
      t.match(mine.json().items[0], { activityId: review.id, kind: 'meeting', startsAt: at(10), endsAt: at(11), private: false, location: 'Room Alpha', ownerId: people.repN1.id });
      const fromEleven = await calendar(`from=${at(11)}&to=${at(24)}`, people.repN1.token);
      t.same(subjects(fromEleven.json().items), ['South sync'], 'a meeting ending when the window opens is not in it');
      const paged = await calendar(`from=${at(-24)}&to=${at(24)}&limit=2`, people.repN1.token);
      t.same(subjects(paged.json().items), ['Yesterday', 'Review']);
      const rest = await calendar(`from=${at(-24)}&to=${at(24)}&limit=2&after=${paged.json().nextCursor}`, people.repN1.token);
      t.same(subjects(rest.json().items), ['South sync']);
      t.equal(rest.json().nextCursor, null);
    });

    await t.test('should let a manager see a subordinate’s calendar, masking what he may not see', async (t) => {
      const view = await calendar(`from=${at(0)}&to=${at(24)}&userId=${people.repN1.id}`, people.n1Head.token);
      t.equal(view.statusCode, 200, view.body);
      const [first, second] = view.json().items as Entry[];
      t.match(first, { activityId: review.id, subject: 'Review', private: false });
      t.match(second, { activityId: southCall.id, subject: 'Busy', location: null, private: true }, 'another branch’s call: only that the time is taken');
      t.equal((await calendar(`from=${at(0)}&to=${at(24)}&userId=${people.repN1.id}`, people.ceo.token)).statusCode, 200, 'any head above');
    });

    await t.test('should refuse others’ calendars with 403 and unknown ones with 404', async (t) => {
      const forbidden: Array<[string, string]> = [
        [`userId=${people.n1Head.id}`, people.repN1.token], // a rep for his boss
        [`userId=${people.repN1.id}`, people.repN1b.token], // a colleague
        [`userId=${people.repN1.id}`, people.repS1.token],
        [`unitId=${units.n1}`, people.repN1.token],
        [`unitId=${units.north}`, people.n1Head.token], // a head of a unit below
      ];
      for (const [query, token] of forbidden) {
        const response = await calendar(`from=${at(0)}&to=${at(24)}&${query}`, token);
        t.equal(response.statusCode, 403, query);
        t.equal(response.json().code, 'SRV_ERR_FORBIDDEN');
      }
      const unknown = '00000000-0000-4000-8000-000000000000';
      for (const query of [`userId=${unknown}`, `unitId=${unknown}`, `resourceId=${unknown}`]) {
        t.equal((await calendar(`from=${at(0)}&to=${at(24)}&${query}`, people.n1Head.token)).statusCode, 404, query);
      }
    });

    await t.test('should show a unit’s whole subtree to its heads', async (t) => {
      const branch = await calendar(`from=${at(0)}&to=${at(24)}&unitId=${units.n1}`, people.northHead.token);
      t.equal(branch.statusCode, 200, branch.body);
      t.same(subjects(branch.json().items), ['Review', 'Busy', 'Team report'], 'reps of N1 and of team N1a below it');
      const team = await calendar(`from=${at(0)}&to=${at(24)}&unitId=${units.n1a}`, people.n1Head.token);
      t.same(subjects(team.json().items), ['Team report']);
    });

    await t.test('should show a resource’s bookings to anyone, details only to who may see them', async (t) => {
      const byOwner = await calendar(`from=${at(0)}&to=${at(24)}&resourceId=${room}`, people.repN1.token);
      t.same(subjects(byOwner.json().items), ['Review']);
      const byStranger = await calendar(`from=${at(0)}&to=${at(24)}&resourceId=${room}`, people.loner.token);
      t.match(byStranger.json().items, [{ activityId: review.id, subject: 'Busy', private: true }]);
    });

    await t.test('should name a bad window', async (t) => {
      const cases: Array<[string, string]> = [
        [`to=${at(24)}`, 'querystring.from'],
        [`from=${at(24)}&to=${at(0)}`, 'querystring.to'],
        [`from=${at(0)}&to=${at(24 * 400)}`, 'querystring.to'],
        [`from=${at(0)}&to=${at(24)}&userId=${people.repN1.id}&unitId=${units.n1}`, 'querystring.userId'],
      ];
      for (const [query, field] of cases) {
        const response = await calendar(query, people.n1Head.token);
        t.equal(response.statusCode, 400, query);
        t.match(response.json().details.fields, [{ field }], field);
      }
    });

    await t.test('should refuse double-booking a resource (409) but only warn about people', async (t) => {
      const before = Number((await database.db.selectFrom('activities').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
      const clash = await post({ kind: 'meeting', subject: 'Clash', startsAt: at(10.5), endsAt: at(11.5), participants: { resourceIds: [room] } }, people.repN1b.token);
      t.equal(clash.statusCode, 409);
      t.match(clash.json(), { code: 'SRV_ERR_RESOURCE_BOOKED', details: { conflicts: [{ resourceId: room, activityId: review.id, subject: 'Review', startsAt: at(10), endsAt: at(11) }] } });
      const byStranger = await post({ kind: 'meeting', subject: 'Clash', startsAt: at(9), endsAt: at(12), participants: { resourceIds: [room] } }, people.loner.token);
      t.match(byStranger.json().details.conflicts, [{ activityId: review.id, subject: null }], 'the subject of an activity you cannot see stays hidden');
      t.equal(Number((await database.db.selectFrom('activities').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n), before, 'nothing written');

      const adjacent = await created({ kind: 'meeting', subject: 'Right after', startsAt: at(11), endsAt: at(12), participants: { resourceIds: [room] } }, people.repN1b.token);
      t.same(adjacent.warnings, [], 'back-to-back bookings do not overlap');
      const moved = await crm.as(people.repN1.token, { method: 'PATCH', url: `/api/activities/${review.id}`, payload: { endsAt: at(11.25), version: review.version } });
      t.equal(moved.statusCode, 409, 'stretching into the next booking is refused too');
      const kept = await crm.as(people.repN1.token, { method: 'PATCH', url: `/api/activities/${review.id}`, payload: { subject: 'Review', version: review.version } });
      t.equal(kept.statusCode, 200, 'an activity does not conflict with itself');

      const doubleBooked = await post({ kind: 'call', subject: 'Quick call', startsAt: at(10.5), endsAt: at(10.75) }, people.repN1.token);
      t.equal(doubleBooked.statusCode, 201);
      t.same(doubleBooked.json().warnings, [{ code: 'PERSON_BUSY', userId: people.repN1.id, activityId: review.id, startsAt: at(10), endsAt: at(11) }]);

      const cancelled = await crm.as(people.repN1b.token, { method: 'PATCH', url: `/api/activities/${adjacent.id}`, payload: { status: 'cancelled', version: 1 } });
      t.equal(cancelled.statusCode, 200);
      t.equal((await post({ kind: 'meeting', subject: 'Takes the slot', startsAt: at(11), endsAt: at(12), participants: { resourceIds: [room] } }, people.loner.token)).statusCode, 201, 'a cancelled booking frees the room');
    });

    await t.test('should find the common free slots of people and rooms within working hours', async (t) => {
      // Busy: repN1 10:00–11:00 (Review, room) and 13:00–14:00 (South sync); room 11:00–12:00 (Takes the slot).
      const base = `userIds=${people.repN1.id}&userIds=${people.repN1b.id}&resourceIds=${room}&from=${at(0)}&to=${at(24)}`;
      const free = await crm.as(people.repN1b.token, { method: 'GET', url: `/api/calendar/free-slots?${base}&workHours=09:00-17:00` });
      t.equal(free.statusCode, 200, free.body);
      t.same(free.json().items, [
        { startsAt: at(9), endsAt: at(10) },
        { startsAt: at(12), endsAt: at(13) },
        { startsAt: at(14), endsAt: at(17) },
      ]);
      const long = await crm.as(people.repN1b.token, { method: 'GET', url: `/api/calendar/free-slots?${base}&workHours=09:00-17:00&duration=PT2H` });
      t.same(long.json().items, [{ startsAt: at(14), endsAt: at(17) }]);
      const warsaw = await crm.as(people.repN1b.token, { method: 'GET', url: `/api/calendar/free-slots?${base}&workHours=08:00-16:00&timeZone=Europe/Warsaw&duration=PT30M` });
      t.same(warsaw.json().items, [
        { startsAt: at(7), endsAt: at(10) },
        { startsAt: at(12), endsAt: at(13) },
        { startsAt: at(14), endsAt: at(15) },
      ], '08:00–16:00 in Warsaw is 07:00–15:00 UTC in March');
      const weekend = await crm.as(people.repN1b.token, { method: 'GET', url: `/api/calendar/free-slots?from=${at(-48)}&to=${at(0)}` });
      t.same(weekend.json().items, [], 'Saturday and Sunday are not working days by default');
      const roomOnly = await crm.as(people.loner.token, { method: 'GET', url: `/api/calendar/free-slots?resourceIds=${room}&userIds=${people.loner.id}&from=${at(9)}&to=${at(13)}&workHours=00:00-24:00&duration=PT15M` });
      t.same(roomOnly.json().items, [{ startsAt: at(9), endsAt: at(10) }, { startsAt: at(12), endsAt: at(13) }]);
    });

    await t.test('should have indexes for the calendar window, the lists and the reminder queue', async (t) => {
      const id = '00000000-0000-4000-8000-000000000000';
      const cases: Array<[string, string, RegExp]> = [
        ['calendar window', `select id from activities where span_start < '2031-03-04' and span_start >= '2031-02-01' order by span_start, id limit 500`, /activities_span_sort_idx/],
        ['owner’s calendar', `select id from activities where owner_id = '${id}' and span_start < '2031-03-04' and span_start >= '2031-02-01'`, /activities_owner_span_idx/],
        ['user participant', `select activity_id from activity_participants where user_id = '${id}'`, /activity_participants_user_idx/],
        ['resource bookings', `select activity_id from activity_participants where resource_id = '${id}'`, /activity_participants_resource_idx/],
        ['customer timeline', `select id from activities where customer_id = '${id}' order by span_start`, /activities_customer_idx/],
        ['keyset by creation', `select id from activities where (created_at, id) > ('2031-01-01', '${id}') order by created_at, id limit 50`, /activities_created_sort_idx/],
        ['subject prefix', `select id from activities where lower(subject) like 'rev%'`, /activities_subject_prefix_idx/],
        ['due reminders', `select id from activity_reminders where sent_at is null and remind_at <= now() order by remind_at limit 100`, /activity_reminders_due_idx/],
        ['my reminders', `select id from activity_reminders where user_id = '${id}' order by remind_at, id limit 50`, /activity_reminders_user_idx/],
        ['feed token lookup', `select user_id from calendar_feeds where token_hash = 'x'`, /calendar_feeds_token_hash/],
      ];
      for (const [what, query, index] of cases) t.match(await planOf(database.db, query), index, what);
    });

    await t.test('should name bad free-slot parameters', async (t) => {
      const cases: Array<[string, string]> = [
        [`from=${at(0)}&to=${at(24)}&duration=P1D`, 'querystring.duration'],
        [`from=${at(0)}&to=${at(24)}&duration=PT25H`, 'querystring.duration'],
        [`from=${at(0)}&to=${at(24)}&workHours=17:00-08:00`, 'querystring.workHours'],
        [`from=${at(0)}&to=${at(24)}&timeZone=Mars/Olympus`, 'querystring.timeZone'],
        [`from=${at(0)}&to=${at(24 * 70)}`, 'querystring.to'],
        [`from=${at(0)}&to=${at(24)}&userIds=00000000-0000-4000-8000-000000000000`, 'querystring.userIds'],
      ];
      for (const [query, field] of cases) {
        const response = await crm.as(people.repN1.token, { method: 'GET', url: `/api/calendar/free-slots?${query}` });
        t.equal(response.statusCode, 400, query);
        t.match(response.json().details.fields, [{ field }], field);
      }
    });
  });
});
