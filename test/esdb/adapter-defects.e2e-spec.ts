import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  commandFingerprint,
  CommandHandling,
  StreamStates,
  type CommandSlice,
} from '@bti/command-handling';
import type { Actor, Decider, DomainEvent } from '@bti/domain';
import {
  AppendTooLarge,
  EsdbEventStore,
  SqliteCommandLog,
  type EventStore,
} from '@bti/event-store';
import { testEvent } from '@bti/event-store/testing';
import { documentProjection, ProjectionRunner, SqliteReadModelStore } from '@bti/read-models';
import { EsdbTestDouble } from '../support/esdb-double';
import { withTimeout } from '../support/with-timeout';

/**
 * Each defect the EventStoreDB adapter had, with the test that catches it, run through the real
 * client against the gRPC test double (test/support/esdb-double.ts says what that proves).
 */
type Add = { type: 'Add'; n: number };
type Added = DomainEvent<'Added', { n: number }>;
const counter: Decider<Add, number, Added> = {
  initialState: () => 0,
  decide: (command) => [{ type: 'Added', data: { n: command.n } }],
  evolve: (total, event) => total + event.data.n,
};
const counterSlice: CommandSlice<Add, number, Added, undefined> = {
  context: 'counter',
  stream: (id) => `counter-${id}`,
  decider: counter,
  municipalityOf: () => null,
  loadFacts: async () => undefined,
  authorize: () => undefined,
};
const actor: Actor = { subject: 's', role: 'staff', municipalityId: 'm', serviceId: 'svc' };
const envelope = (commandId: string) => ({
  commandId,
  actor,
  occurredAt: '2026-11-29T10:00:00.000Z',
});

describe('EventStoreDB adapter defects, each caught', () => {
  let double: EsdbTestDouble;
  const stores: EventStore[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bti-esdb-defects-'));
  const open = (options: Partial<ConstructorParameters<typeof EsdbEventStore>[0]> = {}) => {
    const store = new EsdbEventStore({
      connectionString: double.connectionString,
      resubscribeDelayMs: 50,
      idleCheckMs: 50,
      ...options,
    });
    stores.push(store);
    return store;
  };
  /** An API node: its own store connection, its own stream cache, no shared memory with another. */
  const node = () => {
    const store = open();
    return { store, handling: new CommandHandling(store, new StreamStates(store)) };
  };
  beforeAll(async () => {
    double = await EsdbTestDouble.start();
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close().catch(() => undefined)));
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('1. a retried command is applied once, whichever node gets the retry', () => {
    it('answers a retry on another node with the first answer, and one set of events', async () => {
      const [a, b] = [node(), node()];
      const id = randomUUID();
      const commandId = randomUUID();
      const first = await a.handling.handle(
        counterSlice,
        id,
        { type: 'Add', n: 1 },
        envelope(commandId),
      );
      const retried = await b.handling.handle(
        counterSlice,
        id,
        { type: 'Add', n: 1 },
        envelope(commandId),
      );
      expect(retried).toEqual({ ...first, duplicate: true });
      expect(await a.store.readStream(`counter-${id}`)).toHaveLength(1);
    });

    it('refuses the same id for another change on another node, on the same stream or another', async () => {
      const [a, b] = [node(), node()];
      const id = randomUUID();
      const commandId = randomUUID();
      await a.handling.handle(counterSlice, id, { type: 'Add', n: 1 }, envelope(commandId));
      await expect(
        b.handling.handle(counterSlice, id, { type: 'Add', n: 2 }, envelope(commandId)),
      ).rejects.toMatchObject({ code: 'COMMAND_ID_REUSED' });
      await expect(
        node().handling.handle(
          counterSlice,
          randomUUID(),
          { type: 'Add', n: 1 },
          envelope(commandId),
        ),
      ).rejects.toMatchObject({ code: 'COMMAND_ID_REUSED' });
      expect(await a.store.readStream(`counter-${id}`)).toHaveLength(1);
    });

    it('remembers a reused id on the node that refused it as the stream it was first used on', async () => {
      const first = node();
      const store = open({ commandCache: new SqliteCommandLog(join(dir, 'command-log.sqlite')) });
      const other = { store, handling: new CommandHandling(store, new StreamStates(store)) };
      const id = randomUUID();
      const commandId = randomUUID();
      await first.handling.handle(counterSlice, id, { type: 'Add', n: 1 }, envelope(commandId));
      await expect(
        other.handling.handle(
          counterSlice,
          randomUUID(),
          { type: 'Add', n: 1 },
          envelope(commandId),
        ),
      ).rejects.toMatchObject({ code: 'COMMAND_ID_REUSED' });
      // A true retry reaching that node later is answered from its command log: the first stream's.
      expect(await store.commandResult(commandId)).toMatchObject({ stream: `counter-${id}` });
      expect(
        await other.handling.handle(counterSlice, id, { type: 'Add', n: 1 }, envelope(commandId)),
      ).toMatchObject({ stream: `counter-${id}`, duplicate: true });
    });

    it('finishes a command that claimed its id and stopped before its events, once', async () => {
      const { store, handling } = node();
      const id = randomUUID();
      const commandId = randomUUID();
      // What a node that crashed after the claim, before the events, left behind.
      await store.append(
        `command-${commandId}`,
        [
          {
            type: 'CommandClaimed',
            data: {
              stream: `counter-${id}`,
              fingerprint: commandFingerprint(`counter-${id}`, { type: 'Add', n: 1 }, actor),
            },
            metadata: testEvent('x').metadata,
          },
        ],
        'no_stream',
      );
      const first = await handling.handle(
        counterSlice,
        id,
        { type: 'Add', n: 1 },
        envelope(commandId),
      );
      expect(first.duplicate).toBe(false);
      const again = await node().handling.handle(
        counterSlice,
        id,
        { type: 'Add', n: 1 },
        envelope(commandId),
      );
      expect(again).toEqual({ ...first, duplicate: true });
      expect(await store.readStream(`counter-${id}`)).toHaveLength(1);
    });

    it('reports a repeat the server itself recognised as a duplicate', async () => {
      const [a, b] = [open(), open()];
      const stream = `counter-${randomUUID()}`;
      const commandId = randomUUID();
      const options = { commandId, fingerprint: 'same-change' };
      const results = await Promise.all([
        a.append(stream, [testEvent('Added')], 'no_stream', options),
        b.append(stream, [testEvent('Added')], 'no_stream', options),
      ]);
      expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
      expect(results[0].position).toBe(results[1].position);
      expect(await a.readStream(stream)).toHaveLength(1);
    });
  });

  describe('2 and 3. a filtered projection reaches the head, even when it is not its own event', () => {
    const mine = documentProjection<{ count: number }>({
      name: 'mine',
      version: 1,
      collection: 'mine',
      filter: { streamPrefixes: ['mine-'] },
      documentIds: () => ['all'],
      evolve: (doc) => ({ count: (doc?.count ?? 0) + 1 }),
    });

    it('ends a read-your-writes wait as soon as everything before the position is seen', async () => {
      const store = open();
      const readModels = new SqliteReadModelStore(join(dir, 'ryw.sqlite'));
      const runner = new ProjectionRunner(store, readModels, [mine], { retryDelayMs: 20 });
      runner.start();
      try {
        await store.append(`mine-${randomUUID()}`, [testEvent('A')], 'no_stream');
        // A handful of other events, fewer than the 32 after which the server sends a checkpoint.
        for (let i = 0; i < 5; i++)
          await store.append(`other-${randomUUID()}`, [testEvent('B')], 'no_stream');
        const head = await store.headPosition();
        await withTimeout(runner.waitForPosition(head, 10_000), 2000, 'the wait for the head');
        expect(readModels.getDocument<{ count: number }>('mine', 'all')?.count).toBe(1);
      } finally {
        await runner.stop();
        readModels.close();
      }
    });

    it('finishes a rebuild whose head is a system event no filtered projection sees', async () => {
      const store = open();
      const readModels = new SqliteReadModelStore(join(dir, 'rebuild.sqlite'));
      const runner = new ProjectionRunner(store, readModels, [mine]);
      await store.append(`mine-${randomUUID()}`, [testEvent('A')], 'no_stream');
      double.writeSystemEvent('$epochs', '$epoch-information');
      await withTimeout(runner.rebuild('mine', 10_000), 3000, 'the rebuild');
      expect(readModels.checkpoint('mine')).toBe(await store.headPosition());
      readModels.close();
    });
  });

  it('4. ends every read it starts: the connection closes after many head and page reads', async () => {
    const store = new EsdbEventStore({ connectionString: double.connectionString });
    for (let i = 0; i < 30; i++)
      await store.append(`leak-${randomUUID()}`, [testEvent('A')], 'no_stream');
    for (let i = 0; i < 50; i++) {
      await store.headPosition();
      await store.ping();
      await store.readAll({ maxCount: 1 });
    }
    await withTimeout(store.close(), 3000, 'closing the connection');
  });

  it('6. never adopts −1 (unsigned) as a position: a filter that matched nothing still follows', async () => {
    const store = open();
    const prefix = `late-${randomUUID().slice(0, 8)}-`;
    const subscription = store.subscribe({
      fromPosition: 'start',
      filter: { streamPrefixes: [prefix] },
    });
    const delivered = (async () => {
      for await (const batch of subscription) {
        if (batch.events.length > 0) return batch.events.map((e) => e.stream);
      }
      return [];
    })();
    await new Promise((resolve) => setTimeout(resolve, 200)); // past the end of catch-up
    await store.append(`${prefix}1`, [testEvent('A')], 'no_stream');
    expect(await withTimeout(delivered, 3000, 'the live event')).toEqual([`${prefix}1`]);
    await subscription.close();
  });

  it('7. hands a checkpoint out only after the events buffered before it', async () => {
    const store = open();
    const prefix = `paced-${randomUUID().slice(0, 8)}-`;
    const from = await store.headPosition();
    for (let i = 0; i < 150; i++) {
      await store.append(`${prefix}${i}`, [testEvent('A')], 'no_stream');
      await store.append(`noise-${randomUUID()}`, [testEvent('B')], 'no_stream');
    }
    const subscription = store.subscribe({
      fromPosition: from,
      filter: { streamPrefixes: [prefix] },
      maxBatchSize: 2,
    });
    const seen: string[] = [];
    let batches = 0;
    const consumed = (async () => {
      for await (const batch of subscription) {
        seen.push(...batch.events.map((e) => e.stream));
        // Slow once, so the subscription pauses with events (and a checkpoint after them) waiting in
        // the client's buffer; then fast, so the next batch is asked for before they flow again.
        if (++batches === 1) await new Promise((resolve) => setTimeout(resolve, 300));
        if (seen.length >= 150) break;
      }
    })();
    // A skipped event never comes: stop waiting and show what was seen.
    await withTimeout(consumed, 5000, 'the 150 events').catch(() => undefined);
    await subscription.close();
    expect(seen).toEqual(Array.from({ length: 150 }, (_, i) => `${prefix}${i}`));
  });

  it('8. maps the server’s maximum append size to AppendTooLarge, not a 500', async () => {
    const small = await EsdbTestDouble.start({ maxAppendSize: 2000 });
    const store = new EsdbEventStore({ connectionString: small.connectionString });
    try {
      const event = { ...testEvent('Big'), data: { text: 'x'.repeat(3000) } };
      await expect(store.append(`big-${randomUUID()}`, [event], 'any')).rejects.toBeInstanceOf(
        AppendTooLarge,
      );
    } finally {
      await store.close();
      await small.close();
    }
  });
});
