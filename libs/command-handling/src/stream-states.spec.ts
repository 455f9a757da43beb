import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@bti/event-store';
import { testEvent } from '@bti/event-store/testing';
import { StreamStates, type StateFold } from './stream-states';

/** Counts the events folded, so a test can see what a load read. */
const counting: StateFold<string[], { type: string; data: unknown }> = {
  initialState: () => [],
  evolve: (state, event) => [...state, event.type],
};

describe('StreamStates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bti-states-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('folds only what is new, sees another writer, keeps the later of two remembered states', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    const states = new StreamStates(store);
    expect(await states.load('s-1', counting)).toMatchObject({ state: [], revision: 'no_stream' });
    await store.append('s-1', [testEvent('A'), testEvent('B')], 'no_stream');
    expect(await states.load('s-1', counting)).toMatchObject({ state: ['A', 'B'], revision: 1n });
    const other = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    await other.append('s-1', [testEvent('C')], 1n);
    await other.close();
    expect(await states.load('s-1', counting)).toMatchObject({
      state: ['A', 'B', 'C'],
      revision: 2n,
    });
    states.remember('s-1', counting, ['A', 'B', 'C', 'D'], 3n);
    states.remember('s-1', counting, ['stale'], 1n);
    await store.append('s-1', [testEvent('D')], 2n);
    expect(await states.load('s-1', counting)).toMatchObject({
      state: ['A', 'B', 'C', 'D'],
      revision: 3n,
    });
    // The commands the stream's events carry are known from their metadata.
    const loaded = await states.load('s-1', counting);
    const [first] = await store.readStream('s-1');
    expect(loaded.command(first.metadata.commandId)).toMatchObject({
      revision: 0n,
      eventTypes: ['A'],
    });
    expect(loaded.command('unknown')).toBeUndefined();
    await store.deleteStream('s-1');
    expect(await states.load('s-1', counting)).toMatchObject({ state: [], revision: 'no_stream' });
    await store.close();
  });

  it('forgets the least recently used stream beyond its bound', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'bound.sqlite') });
    const states = new StreamStates(store, 2);
    for (const stream of ['a-1', 'b-1', 'c-1'])
      await store.append(stream, [testEvent('X')], 'no_stream');
    states.remember('a-1', counting, ['remembered'], 0n);
    expect((await states.load('a-1', counting)).state).toEqual(['remembered']);
    await states.load('b-1', counting);
    await states.load('c-1', counting); // a-1 is the least recently used of three: forgotten
    expect((await states.load('a-1', counting)).state).toEqual(['X']);
    await store.close();
  });

  it('forgets every state at forgetAll: a load under way reads again, a command’s earlier state is not kept', async () => {
    const store = new SqliteEventStore({ path: join(dir, 'forget.sqlite') });
    const states = new StreamStates(store);
    await store.append('a-1', [testEvent('X')], 'no_stream');
    states.remember('a-1', counting, ['remembered'], 0n);
    const before = await states.load('a-1', counting);
    expect(before.state).toEqual(['remembered']);

    // A load reading when everything is forgotten reads the stream again from its start.
    const reading = states.load('a-1', counting);
    states.forgetAll();
    expect((await reading).state).toEqual(['X']);

    // A command's state folded from a load before the forgetting is not remembered either.
    states.remember('a-1', counting, ['from before'], 0n, undefined, before.era);
    expect((await states.load('a-1', counting)).state).toEqual(['X']);
    const now = await states.load('a-1', counting);
    states.remember('a-1', counting, ['from now'], 0n, undefined, now.era);
    expect((await states.load('a-1', counting)).state).toEqual(['from now']);

    // An erasure forgets the first time it is seen; read again later (it is, with its stream) not.
    states.forgetAtErasure('family-1');
    expect((await states.load('a-1', counting)).state).toEqual(['X']);
    states.remember('a-1', counting, ['kept'], 0n);
    states.forgetAtErasure('family-1');
    expect((await states.load('a-1', counting)).state).toEqual(['kept']);
    await store.close();
  });
});
