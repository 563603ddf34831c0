import t from 'tap';
import { escapeText, foldLine, serializeCalendar } from '../../server/crm/calendar/icalendar.js';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

/** Content lines with folding undone (RFC 5545 §3.1: CRLF followed by one space). */
const unfold = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

t.test('icalendar serializer', async (t) => {
  await t.test('should escape backslash, semicolon, comma and newlines in text', async (t) => {
    t.equal(escapeText('a\\b;c,d\ne\r\nf'), 'a\\\\b\\;c\\,d\\ne\\nf');
    t.equal(escapeText('Call: "Acme"'), 'Call: "Acme"', 'colons and quotes stay as they are in values');
  });

  await t.test('should fold at 75 octets without splitting a UTF-8 character', async (t) => {
    t.equal(foldLine('x'.repeat(75)), 'x'.repeat(75), 'exactly 75 octets stays one line');
    const folded = foldLine(`SUMMARY:${'ż'.repeat(80)}`);
    const lines = folded.split('\r\n');
    t.ok(lines.length > 1);
    for (const line of lines) t.ok(Buffer.byteLength(line, 'utf8') <= 75, `${Buffer.byteLength(line, 'utf8')} octets`);
    t.ok(lines.slice(1).every((l) => l.startsWith(' ')), 'continuations start with a space');
    t.notOk(folded.includes('\uFFFD'));
    t.equal(folded.replace(/\r\n /g, ''), `SUMMARY:${'ż'.repeat(80)}`, 'unfolding gives the line back');
  });

  await t.test('should write a VCALENDAR of VEVENTs in UTC with CRLF line ends', async (t) => {
    const ics = serializeCalendar({
      prodId: '-//Test//EN',
      name: 'Rita, sales',
      events: [
        {
          uid: 'a1@funnelflow',
          stamp: new Date('2031-03-01T08:00:00.123Z'),
          start: new Date('2031-03-03T10:00:00Z'),
          end: new Date('2031-03-03T11:30:00Z'),
          summary: 'Review; Q1, pilot',
          description: 'Agenda:\n1. numbers\n2. next steps',
          location: 'Room A, 2nd floor',
          status: 'CONFIRMED',
          sequence: 2,
          organizer: { name: 'Rita Rep', email: 'rita@example.test' },
          attendees: [
            { name: 'Smith, John', email: 'john@example.test' },
            { name: 'Room A', uri: 'urn:uuid:0f0e', cutype: 'ROOM' },
          ],
          categories: ['meeting'],
        },
        { uid: 'a2@funnelflow', stamp: new Date('2031-03-01T08:00:00Z'), start: new Date('2031-03-05T00:00:00Z'), end: new Date('2031-03-07T00:00:00Z'), allDay: true, summary: 'Fair', status: 'CANCELLED' },
        { uid: 'a3@funnelflow', stamp: new Date('2031-03-01T08:00:00Z'), start: new Date('2031-03-04T16:00:00Z'), end: null, summary: 'Send offer', status: 'CONFIRMED' },
      ],
    });
    t.ok(ics.endsWith('\r\n'));
    t.notOk(/[^\r]\n/.test(ics), 'every line ends in CRLF');
    const lines = unfold(ics);
    t.same(lines.slice(0, 6), ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Rita\\, sales']);
    const first = lines.slice(lines.indexOf('BEGIN:VEVENT'), lines.indexOf('END:VEVENT') + 1);
    t.same(first, [
      'BEGIN:VEVENT',
      'UID:a1@funnelflow',
      'DTSTAMP:20310301T080000Z',
      'LAST-MODIFIED:20310301T080000Z',
      'DTSTART:20310303T100000Z',
      'DTEND:20310303T113000Z',
      'SEQUENCE:2',
      'SUMMARY:Review\\; Q1\\, pilot',
      'LOCATION:Room A\\, 2nd floor',
      'DESCRIPTION:Agenda:\\n1. numbers\\n2. next steps',
      'CATEGORIES:meeting',
      'STATUS:CONFIRMED',
      'ORGANIZER;CN=Rita Rep:mailto:rita@example.test',
      'ATTENDEE;CUTYPE=INDIVIDUAL;CN="Smith, John":mailto:john@example.test',
      'ATTENDEE;CUTYPE=ROOM;CN=Room A:urn:uuid:0f0e',
      'END:VEVENT',
    ]);
    t.ok(lines.includes('DTSTART;VALUE=DATE:20310305') && lines.includes('DTEND;VALUE=DATE:20310307'), 'all-day events are dates');
    t.ok(lines.includes('STATUS:CANCELLED'));
    const task = lines.slice(lines.lastIndexOf('BEGIN:VEVENT'), lines.lastIndexOf('END:VEVENT'));
    t.ok(task.includes('DTSTART:20310304T160000Z') && !task.some((l) => l.startsWith('DTEND')), 'a deadline is a point in time');
    t.equal(lines.at(-2), 'END:VCALENDAR');
    t.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 3);
  });
});

t.test('calendar export and subscription feed', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    const { people } = crm;
    const rep = people.repN1;
    const soon = (hours: number) => new Date(Date.now() + hours * 3600_000);
    const startsAt = new Date(Math.floor(soon(24).getTime() / 60_000) * 60_000);
    const ics = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const room = (await crm.call('POST', '/api/resources', { kind: 'room', name: 'Room; Alpha' })).id as string;
    const meeting = await crm.call('POST', '/api/activities', {
      kind: 'meeting',
      subject: 'Pilot kick-off, phase 1',
      description: 'Bring the contract\nand the plan',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
      location: 'HQ',
      participants: { userIds: [people.repN1b.id], resourceIds: [room] },
    }, rep.token);
    await crm.call('POST', '/api/activities', { kind: 'task', subject: 'Not mine', dueAt: soon(5).toISOString() }, people.repS1.token);

    await t.test('should export my calendar as text/calendar (401 without a session)', async (t) => {
      t.equal((await crm.app.inject({ method: 'GET', url: '/api/calendar.ics' })).statusCode, 401);
      const response = await crm.as(rep.token, { method: 'GET', url: '/api/calendar.ics' });
      t.equal(response.statusCode, 200);
      t.match(response.headers['content-type'], /^text\/calendar/);
      const lines = unfold(response.body);
      t.ok(lines.includes(`UID:${meeting.id}@funnelflow`));
      t.ok(lines.includes('SUMMARY:Pilot kick-off\\, phase 1'));
      t.ok(lines.includes('DESCRIPTION:Bring the contract\\nand the plan'));
      t.ok(lines.includes(`DTSTART:${ics(startsAt)}`));
      t.ok(lines.includes('ATTENDEE;CUTYPE=ROOM;CN="Room; Alpha":urn:uuid:' + room));
      t.ok(lines.some((l) => l.startsWith('ATTENDEE;CUTYPE=INDIVIDUAL;CN=Rep N1b:mailto:')));
      t.notOk(response.body.includes('Not mine'), 'only my own calendar');
      const outside = await crm.as(rep.token, { method: 'GET', url: `/api/calendar.ics?from=${soon(48).toISOString()}&to=${soon(72).toISOString()}` });
      t.notOk(outside.body.includes('BEGIN:VEVENT'), 'the window applies');
    });

    let feedPath = '';
    await t.test('should serve a subscription feed authorised by a secret token, stored hashed', async (t) => {
      t.same((await crm.call('GET', '/api/calendar/feed', undefined, rep.token)), { active: false, createdAt: null });
      const created = await crm.as(rep.token, { method: 'POST', url: '/api/calendar/feed' });
      t.equal(created.statusCode, 201);
      feedPath = created.json().path;
      t.match(feedPath, /^\/api\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
      t.match(created.json().url, new RegExp(`^http://[^/]+${feedPath.replace(/[.]/g, '\\.')}$`));
      const token = feedPath.slice('/api/calendar/feed/'.length, -'.ics'.length);
      const stored = await database.db.selectFrom('calendar_feeds').select('token_hash').where('user_id', '=', rep.id).executeTakeFirstOrThrow();
      t.not(stored.token_hash, token, 'the token itself is not stored');
      t.notOk(JSON.stringify(await database.db.selectFrom('audit_log').select('after').where('entity_type', '=', 'calendar_feed').execute()).includes(token), 'nor audited');

      const feed = await crm.app.inject({ method: 'GET', url: feedPath }); // no Authorization header
      t.equal(feed.statusCode, 200);
      t.match(feed.headers['content-type'], /^text\/calendar/);
      t.ok(unfold(feed.body).includes(`UID:${meeting.id}@funnelflow`));
      t.equal((await crm.call('GET', '/api/calendar/feed', undefined, rep.token)).active, true);
      const participantFeed = (await crm.as(people.repN1b.token, { method: 'POST', url: '/api/calendar/feed' })).json().path;
      t.ok((await crm.app.inject({ method: 'GET', url: participantFeed })).body.includes(`UID:${meeting.id}@funnelflow`), 'a participant’s feed holds the meeting too');
    });

    await t.test('should revoke the old URL on regenerate and on delete; unknown tokens are 404', async (t) => {
      const regenerated = (await crm.as(rep.token, { method: 'POST', url: '/api/calendar/feed' })).json().path;
      t.not(regenerated, feedPath);
      t.equal((await crm.app.inject({ method: 'GET', url: feedPath })).statusCode, 404, 'the old URL is dead');
      t.equal((await crm.app.inject({ method: 'GET', url: regenerated })).statusCode, 200);
      t.equal((await crm.as(rep.token, { method: 'DELETE', url: '/api/calendar/feed' })).statusCode, 204);
      t.equal((await crm.app.inject({ method: 'GET', url: regenerated })).statusCode, 404);
      t.equal((await crm.as(rep.token, { method: 'DELETE', url: '/api/calendar/feed' })).statusCode, 404);
      t.equal((await crm.app.inject({ method: 'GET', url: `/api/calendar/feed/${'A'.repeat(43)}.ics` })).statusCode, 404);
      t.equal((await crm.app.inject({ method: 'GET', url: '/api/calendar/feed/short.ics' })).statusCode, 400);
    });
  });
});
