import t from 'tap';
import { dealCore, finishingCommands, idsFrom, step } from './persistence-driver.js';
import type { InstanceState } from '../../../engine/index.js';

const start = new Date('2025-01-01T09:00:00Z');
const later = new Date('2025-01-02T09:00:00Z');

t.test('should continue from a state reloaded from JSON exactly as from the live state', async (t) => {
  // given: a deal started and half-way (tokens in a multi-instance sub-process, a job, a join token)
  const { processes } = await dealCore();
  const ids = idsFrom(0);
  let live = step({ processes, ids }, null, { type: 'start-instance', now: start, definitionId: 'deal:1', variables: { suppliers: ['s1', 's2'], budget: 150 } }).state;
  const commands = finishingCommands(live, later);
  live = step({ processes, ids }, live, commands[0]!).state;
  t.ok(Object.keys(live.joins).length > 0 || Object.keys(live.userTasks).length > 0);

  // when: the state is stored as JSON and loaded again, and both copies get the same remaining commands
  let reloaded: InstanceState = JSON.parse(JSON.stringify(live));
  const reloadedIds = idsFrom(ids.used());
  const liveEvents = [];
  const reloadedEvents = [];
  for (const command of commands.slice(1)) {
    const fromLive = step({ processes, ids }, live, command);
    const fromReloaded = step({ processes, ids: reloadedIds }, reloaded, JSON.parse(JSON.stringify(command), (key, value) => (key === 'now' ? new Date(value) : value)));
    live = fromLive.state;
    reloaded = JSON.parse(JSON.stringify(fromReloaded.state));
    liveEvents.push(...fromLive.events);
    reloadedEvents.push(...fromReloaded.events);
  }

  // then
  t.equal(live.state, 'completed');
  t.same(reloaded, live);
  t.same(reloadedEvents, liveEvents);
  t.same(live.variables[live.id], { suppliers: ['s1', 's2'], budget: 150, rating: 'A', prices: [100, 101] });
});

t.test('should hold nothing but JSON data in the state', async (t) => {
  const { processes } = await dealCore();
  const { state } = step({ processes, ids: idsFrom(0) }, null, { type: 'start-instance', now: start, definitionId: 'deal:1', variables: { suppliers: ['s1'], budget: 1 } });
  t.same(JSON.parse(JSON.stringify(state)), state);
  const plain = (value: unknown): boolean =>
    value === null || ['string', 'number', 'boolean'].includes(typeof value) || (Array.isArray(value) ? value.every(plain) : Object.getPrototypeOf(value) === Object.prototype && Object.values(value as object).every(plain));
  t.ok(plain(state));
});
