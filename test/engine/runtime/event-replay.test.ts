import { replayEvents, type EngineEvent, type InstanceState } from '../../../engine/index.js';
import t from 'tap';
import { dealCore, finishingCommands, idsFrom, step } from './persistence-driver.js';

t.test('should rebuild the same state by replaying the events through the appliers', async (t) => {
  // given
  const { processes } = await dealCore();
  const context = { processes, ids: idsFrom(0) };
  const at = new Date('2025-01-01T09:00:00Z');
  const batches: EngineEvent[][] = [];
  let state: InstanceState | null = null;
  const started = step(context, null, { type: 'start-instance', now: at, definitionId: 'deal:1', variables: { suppliers: ['a', 'b', 'c'], budget: 50 } });
  state = started.state;
  batches.push([...started.events]);

  for (const command of finishingCommands(state, at)) {
    // when: each batch is stored as JSON (like event rows), and replayed from the start
    const result = step(context, state, command);
    state = result.state;
    batches.push(JSON.parse(JSON.stringify(result.events)));
    const replayed = replayEvents(batches);

    // then
    t.same(replayed, state, `after ${command.type}`);
  }
  t.equal(state.state, 'completed');
  t.equal(state.version, batches.length);
});
