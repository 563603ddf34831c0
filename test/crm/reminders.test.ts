import type { AddressInfo } from 'node:net';
import t from 'tap';
import WebSocket from 'ws';
import { ReminderSweeper } from '../../server/crm/reminders/reminder-sweeper.js';
import { eachDatabase } from '../helpers/test-databases.js';
import { startCrm } from './helpers/crm-fixture.js';

type Message = Record<string, unknown>;

/** A real websocket client of the listening app, collecting what it receives. */
async function listen(port: number, token: string) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws`);
  const messages: Message[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'auth', token }));
  for (let i = 0; i < 200 && messages.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  const reminders = () => messages.filter((m) => m.type === 'reminder.due');
  const settle = async (count: number) => {
    for (let i = 0; i < 200 && reminders().length < count; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 150)); // and nothing more arrives
    return reminders();
  };
  return { socket, reminders, settle };
}

t.test('reminders', async (t) => {
  eachDatabase(t, async (t, database) => {
    const crm = await startCrm(t, database);
    await crm.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = crm.app.server.address() as AddressInfo;
    const { people } = crm;
    const owner = people.repN1;
    const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const plan = async (subject: string, startsIn: number, reminders: number[], userIds: string[] = []) =>
      crm.call('POST', '/api/activities', { kind: 'meeting', subject, startsAt: inMinutes(startsIn), endsAt: inMinutes(startsIn + 30), reminders, participants: { userIds } }, owner.token);
    const mine = (query: string, token = owner.token) => crm.call('GET', `/api/reminders${query}`, undefined, token);
    const ownerClient = await listen(port, owner.token);
    const guestClient = await listen(port, people.repN1b.token);
    t.teardown(() => {
      ownerClient.socket.close();
      guestClient.socket.close();
    });

    // Starts in 10 minutes: the 15-minute reminders are due, the 5-minute ones not yet.
    const meeting = await plan('Kick-off', 10, [15, 5], [people.repN1b.id]);

    await t.test('should deliver a due reminder once, even with several sweepers on one database', async (t) => {
      const sweepers = [new ReminderSweeper(database.db, crm.app.realtime), new ReminderSweeper(database.db, crm.app.realtime), crm.app.reminders];
      const rang = await Promise.all(sweepers.map((s) => s.sweepOnce()));
      t.equal(rang.reduce((a, b) => a + b, 0), 2, 'the owner’s and the participant’s 15-minute reminders, once each');
      t.same(await Promise.all(sweepers.map((s) => s.sweepOnce())), [0, 0, 0], 'nothing rings twice');
      const [heard] = await ownerClient.settle(1);
      t.equal(ownerClient.reminders().length, 1);
      t.match(heard, { type: 'reminder.due', activityId: meeting.id, subject: 'Kick-off', kind: 'meeting', minutesBefore: 15, startsAt: meeting.startsAt });
      t.equal((await guestClient.settle(1)).length, 1, 'the participant hears his own');
    });

    await t.test('should share a burst of due reminders between concurrent sweepers without duplicates', async (t) => {
      for (let i = 0; i < 12; i++) await plan(`Burst ${i}`, 1, [5]);
      const sweepers = [1, 2, 3].map(() => new ReminderSweeper(database.db, crm.app.realtime));
      const rang = await Promise.all(sweepers.map((s) => s.sweepOnce()));
      t.equal(rang.reduce((a, b) => a + b, 0), 12);
      const heard = (await ownerClient.settle(13)).slice(1);
      t.equal(heard.length, 12);
      t.equal(new Set(heard.map((m) => m.reminderId)).size, 12, 'each reminder exactly once');
    });

    await t.test('should list my due and upcoming reminders and let me dismiss mine only', async (t) => {
      const due = await mine('?due=true');
      const kickOff = due.items.find((r: { activityId: string }) => r.activityId === meeting.id);
      t.match(kickOff, { subject: 'Kick-off', minutesBefore: 15, dismissedAt: null });
      t.ok(kickOff.sentAt, 'delivered');
      const upcoming = await mine('?due=false');
      t.match(upcoming.items, [{ activityId: meeting.id, minutesBefore: 5, sentAt: null }]);
      const page = await mine('?limit=5');
      t.equal(page.items.length, 5);
      const rest = await mine(`?limit=50&after=${page.nextCursor}`);
      t.equal(page.items.length + rest.items.length, 14, '13 due + 1 upcoming');

      const stranger = await crm.as(people.repN1b.token, { method: 'POST', url: `/api/reminders/${kickOff.id}/dismiss` });
      t.equal(stranger.statusCode, 404, 'someone else’s reminder');
      const dismissed = await crm.as(owner.token, { method: 'POST', url: `/api/reminders/${kickOff.id}/dismiss` });
      t.equal(dismissed.statusCode, 200);
      t.ok(dismissed.json().dismissedAt);
      t.notOk((await mine('?due=true')).items.some((r: { id: string }) => r.id === kickOff.id));
      const audit = await database.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'reminder').where('entity_id', '=', kickOff.id).execute();
      t.same(audit, [{ action: 'dismiss' }]);
    });

    await t.test('should re-arm reminders when the activity moves, and drop a removed participant’s', async (t) => {
      const moved = await crm.call('PATCH', `/api/activities/${meeting.id}`, { startsAt: inMinutes(600), endsAt: inMinutes(630), participants: { userIds: [] }, version: meeting.version }, owner.token);
      t.equal(moved.version, 2);
      const rows = await database.db.selectFrom('activity_reminders').select(['user_id', 'minutes_before', 'sent_at', 'dismissed_at']).where('activity_id', '=', meeting.id).orderBy('minutes_before').execute();
      t.same(rows, [
        { user_id: owner.id, minutes_before: 5, sent_at: null, dismissed_at: null },
        { user_id: owner.id, minutes_before: 15, sent_at: null, dismissed_at: null },
      ]);
      t.same((await mine('?due=true', people.repN1b.token)).items, [], 'the removed participant has none left');
    });

    await t.test('should not ring for done or cancelled activities', async (t) => {
      const call = await plan('Already done', 5, [10]);
      await crm.call('POST', `/api/activities/${call.id}/complete`, { result: 'Handled early', version: 1 }, owner.token);
      const before = ownerClient.reminders().length;
      t.equal(await crm.app.reminders.sweepOnce(), 0);
      t.equal((await ownerClient.settle(before)).length, before);
      t.notOk((await mine('')).items.some((r: { activityId: string }) => r.activityId === call.id));
    });
  });
});
