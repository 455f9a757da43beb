import { randomUUID } from 'node:crypto';
import { AppendTooLarge, StreamDeleted, StreamNotFound, WrongExpectedRevision } from '../errors';
import type { EventStore, RecordedEvent, SubscribeOptions } from '../event-store.port';
import { testEvent, testMetadata } from './test-metadata';

export interface ConformanceHarness {
  /** A store ready for use; may hold events of earlier tests (EventStoreDB is not wiped). */
  open(): Promise<EventStore>;
  /** Called after each test with the store it opened. */
  dispose(store: EventStore): Promise<void>;
}

/** Collects subscription deliveries until `done` says so, and closes the subscription. */
export async function collectFromSubscription(
  store: EventStore,
  options: SubscribeOptions,
  done: (events: RecordedEvent[]) => boolean,
  timeoutMs = 20_000,
): Promise<RecordedEvent[]> {
  const subscription = store.subscribe(options);
  const events: RecordedEvent[] = [];
  const timer = setTimeout(() => void subscription.close(), timeoutMs);
  try {
    for await (const batch of subscription) {
      events.push(...batch.events);
      if (done(events)) break;
    }
  } finally {
    clearTimeout(timer);
    await subscription.close();
  }
  return events;
}

/**
 * The behaviour every event-store adapter must show. Run by the SQLite spec always, and by the
 * EventStoreDB spec when a server is configured. Stream names carry a fresh run id, so a shared
 * server with earlier data does not disturb the assertions.
 */
export function describeEventStoreConformance(name: string, harness: ConformanceHarness): void {
  describe(`EventStore conformance: ${name}`, () => {
    let store: EventStore;
    let run: string;
    const stream = (label: string) => `conf${run}-${label}`;

    beforeEach(async () => {
      store = await harness.open();
      run = randomUUID().slice(0, 8);
    });
    afterEach(async () => {
      await harness.dispose(store);
    });

    describe('expected revision', () => {
      it('no_stream creates a stream once and refuses a second time', async () => {
        const first = await store.append(stream('a'), [testEvent('Opened')], 'no_stream');
        expect(first.nextExpectedRevision).toBe(0n);
        const error = await store
          .append(stream('a'), [testEvent('Opened')], 'no_stream')
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect((error as WrongExpectedRevision).actual).toBe(0n);
        expect((error as WrongExpectedRevision).expected).toBe('no_stream');
      });

      it('stream_exists refuses a missing stream and accepts an existing one', async () => {
        const error = await store
          .append(stream('b'), [testEvent('Noted')], 'stream_exists')
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect((error as WrongExpectedRevision).actual).toBe('no_stream');
        await store.append(stream('b'), [testEvent('Opened')], 'no_stream');
        const result = await store.append(stream('b'), [testEvent('Noted')], 'stream_exists');
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('any appends whether or not the stream exists', async () => {
        expect(
          (await store.append(stream('c'), [testEvent('A')], 'any')).nextExpectedRevision,
        ).toBe(0n);
        expect(
          (await store.append(stream('c'), [testEvent('B')], 'any')).nextExpectedRevision,
        ).toBe(1n);
      });

      it('an exact revision must be the current one', async () => {
        await store.append(stream('d'), [testEvent('A'), testEvent('B')], 'no_stream');
        const stale = await store
          .append(stream('d'), [testEvent('C')], 0n)
          .catch((e: unknown) => e);
        expect(stale).toBeInstanceOf(WrongExpectedRevision);
        expect((stale as WrongExpectedRevision).expected).toBe(0n);
        expect((stale as WrongExpectedRevision).actual).toBe(1n);
        const ahead = await store
          .append(stream('d'), [testEvent('C')], 5n)
          .catch((e: unknown) => e);
        expect(ahead).toBeInstanceOf(WrongExpectedRevision);
        const missing = await store
          .append(stream('d-missing'), [testEvent('C')], 0n)
          .catch((e: unknown) => e);
        expect((missing as WrongExpectedRevision).actual).toBe('no_stream');
        expect((await store.append(stream('d'), [testEvent('C')], 1n)).nextExpectedRevision).toBe(
          2n,
        );
      });
    });

    describe('append and read', () => {
      it('appends several events atomically with consecutive revisions and rising positions', async () => {
        const result = await store.append(
          stream('multi'),
          [testEvent('A', { n: 1 }), testEvent('B', { n: 2 }), testEvent('C', { n: 3 })],
          'no_stream',
        );
        expect(result.nextExpectedRevision).toBe(2n);
        const events = await store.readStream(stream('multi'));
        expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        expect(events.map((e) => e.type)).toEqual(['A', 'B', 'C']);
        expect(
          events[0].position < events[1].position && events[1].position < events[2].position,
        ).toBe(true);
        expect(events[2].position).toBe(result.position);
      });

      it('a refused multi-event append writes none of its events', async () => {
        await store.append(stream('atomic'), [testEvent('A')], 'no_stream');
        await expect(
          store.append(stream('atomic'), [testEvent('B'), testEvent('C')], 'no_stream'),
        ).rejects.toBeInstanceOf(WrongExpectedRevision);
        expect((await store.readStream(stream('atomic'))).map((e) => e.type)).toEqual(['A']);
      });

      it('keeps data, type, id and metadata, and stamps recordedAt', async () => {
        const id = randomUUID();
        const metadata = testMetadata({ causationId: randomUUID() });
        await store.append(
          stream('meta'),
          [
            {
              id,
              type: 'ConcernNoted',
              data: { text: 'æøå «quoted»', nested: { n: 1.5, list: [1, null] } },
              metadata,
            },
          ],
          'no_stream',
        );
        const [event] = await store.readStream(stream('meta'));
        expect(event.id).toBe(id);
        expect(event.stream).toBe(stream('meta'));
        expect(event.type).toBe('ConcernNoted');
        expect(event.data).toEqual({ text: 'æøå «quoted»', nested: { n: 1.5, list: [1, null] } });
        expect(event.metadata).toMatchObject(metadata);
        expect(Number.isNaN(Date.parse(event.metadata.recordedAt))).toBe(false);
      });

      it('reads a stream forwards, backwards, from a revision and up to a count', async () => {
        await store.append(
          stream('read'),
          ['A', 'B', 'C', 'D'].map((t) => testEvent(t)),
          'no_stream',
        );
        const types = (events: RecordedEvent[]) => events.map((e) => e.type).join('');
        expect(types(await store.readStream(stream('read')))).toBe('ABCD');
        expect(types(await store.readStream(stream('read'), { direction: 'backwards' }))).toBe(
          'DCBA',
        );
        expect(types(await store.readStream(stream('read'), { from: 1n, maxCount: 2 }))).toBe('BC');
        expect(
          types(await store.readStream(stream('read'), { direction: 'backwards', from: 2n })),
        ).toBe('CBA');
        expect(
          types(await store.readStream(stream('read'), { direction: 'backwards', maxCount: 1 })),
        ).toBe('D');
      });

      it('reading a missing stream fails with StreamNotFound', async () => {
        await expect(store.readStream(stream('nowhere'))).rejects.toBeInstanceOf(StreamNotFound);
      });

      it('refuses an append over the maximum append size (1 MiB) with AppendTooLarge, writing nothing', async () => {
        const big = {
          type: 'Big',
          data: { text: 'x'.repeat(1100 * 1024) },
          metadata: testMetadata(),
        };
        await expect(store.append(stream('big'), [big], 'any')).rejects.toBeInstanceOf(
          AppendTooLarge,
        );
        await expect(store.readStream(stream('big'))).rejects.toBeInstanceOf(StreamNotFound);
      });

      it('refuses an empty append and a bad stream name', async () => {
        await expect(store.append(stream('empty'), [], 'any')).rejects.toThrow(
          /at least one event/,
        );
        await expect(store.append('$system', [testEvent('A')], 'any')).rejects.toThrow(
          /Stream name/,
        );
      });
    });

    describe('the global log', () => {
      it('reads all streams in global order, after a position, with a count and a filter', async () => {
        const before = await store.headPosition();
        await store.append(stream('x'), [testEvent('X1')], 'no_stream');
        await store.append(stream('y'), [testEvent('Y1')], 'no_stream');
        await store.append(stream('x'), [testEvent('X2')], 0n);
        const mine = { streamPrefixes: [`conf${run}-`] };
        const all = await store.readAll({ fromPosition: before, filter: mine });
        expect(all.map((e) => e.type)).toEqual(['X1', 'Y1', 'X2']);
        const positions = all.map((e) => e.position);
        expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
        const afterFirst = await store.readAll({ fromPosition: all[0].position, filter: mine });
        expect(afterFirst.map((e) => e.type)).toEqual(['Y1', 'X2']);
        expect(
          (await store.readAll({ fromPosition: before, filter: mine, maxCount: 2 })).length,
        ).toBe(2);
        const onlyY = await store.readAll({
          fromPosition: before,
          filter: { streamPrefixes: [stream('y')] },
        });
        expect(onlyY.map((e) => e.type)).toEqual(['Y1']);
        const byType = await store.readAll({
          fromPosition: before,
          filter: { eventTypes: ['X2'] },
        });
        expect(byType.map((e) => e.stream)).toEqual([stream('x')]);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(all[2].position);
      });
    });

    describe('idempotent commands', () => {
      it('a repeated commandId returns the first result and appends nothing', async () => {
        const commandId = randomUUID();
        const first = await store.append(
          stream('idem'),
          [testEvent('A'), testEvent('B')],
          'no_stream',
          { commandId },
        );
        expect(first.duplicate).toBe(false);
        const again = await store.append(
          stream('idem'),
          [testEvent('A'), testEvent('B')],
          'no_stream',
          { commandId },
        );
        expect(again).toEqual({ ...first, duplicate: true });
        const concurrent = await Promise.all(
          [1, 2, 3].map(() => store.append(stream('idem'), [testEvent('C')], 'any', { commandId })),
        );
        expect(concurrent.every((r) => r.duplicate && r.position === first.position)).toBe(true);
        expect((await store.readStream(stream('idem'))).map((e) => e.type)).toEqual(['A', 'B']);
        expect(await store.commandResult(commandId)).toEqual({
          ...first,
          duplicate: true,
          stream: stream('idem'),
        });
        expect(await store.commandResult(randomUUID())).toBeNull();
      });

      it('remembers what a commandId first asked for and wrote, so a reuse can be told from a retry', async () => {
        const commandId = randomUUID();
        const first = await store.append(stream('fp'), [testEvent('A'), testEvent('B')], 'any', {
          commandId,
          fingerprint: 'first-change',
        });
        expect(first).toMatchObject({ eventTypes: ['A', 'B'], fingerprint: 'first-change' });
        const reused = await store.append(stream('fp'), [testEvent('C')], 'any', {
          commandId,
          fingerprint: 'another-change',
        });
        expect(reused).toMatchObject({
          duplicate: true,
          eventTypes: ['A', 'B'],
          fingerprint: 'first-change',
          position: first.position,
        });
        expect(await store.commandResult(commandId)).toMatchObject({
          stream: stream('fp'),
          fingerprint: 'first-change',
          eventTypes: ['A', 'B'],
        });
      });

      it('two new commandIds sent together both append', async () => {
        const [a, b] = await Promise.all([
          store.append(stream('idem2'), [testEvent('A')], 'any', { commandId: randomUUID() }),
          store.append(stream('idem2'), [testEvent('B')], 'any', { commandId: randomUUID() }),
        ]);
        expect(a.duplicate || b.duplicate).toBe(false);
        expect((await store.readStream(stream('idem2'))).length).toBe(2);
      });
    });

    describe('concurrency', () => {
      it('of 10 appends expecting the same revision exactly one wins', async () => {
        await store.append(stream('race'), [testEvent('Opened')], 'no_stream');
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) =>
            store.append(stream('race'), [testEvent('Won', { writer: i })], 0n),
          ),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(9);
        for (const o of lost) expect(o.reason).toBeInstanceOf(WrongExpectedRevision);
        expect((await store.readStream(stream('race'))).length).toBe(2);
      });

      it('8 writers retrying on one stream lose and duplicate nothing', async () => {
        const writers = 8;
        const perWriter = 15;
        await store.append(stream('busy'), [testEvent('Opened')], 'no_stream');
        let conflicts = 0;
        const writer = async (w: number) => {
          for (let n = 0; n < perWriter;) {
            const [last] = await store.readStream(stream('busy'), {
              direction: 'backwards',
              maxCount: 1,
            });
            try {
              await store.append(stream('busy'), [testEvent('Wrote', { w, n })], last.revision);
              n += 1;
            } catch (error) {
              if (!(error instanceof WrongExpectedRevision)) throw error;
              conflicts += 1;
            }
          }
        };
        await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
        const events = (await store.readStream(stream('busy'))).slice(1);
        expect(events).toHaveLength(writers * perWriter);
        expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => BigInt(i + 1)));
        const keys = new Set(events.map((e) => JSON.stringify([e.data.w, e.data.n])));
        expect(keys.size).toBe(writers * perWriter);
        expect(conflicts).toBeGreaterThan(0);
      });

      it('a conflicting append sent together with others fails alone', async () => {
        await store.append(stream('g1'), [testEvent('A')], 'no_stream');
        const outcomes = await Promise.allSettled([
          store.append(stream('g2'), [testEvent('A')], 'no_stream'),
          store.append(stream('g1'), [testEvent('B')], 'no_stream'),
          store.append(stream('g3'), [testEvent('A')], 'no_stream'),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      });
    });

    describe('subscriptions', () => {
      it('catches up and then follows live appends with no gap, no duplicate and order kept', async () => {
        const before = await store.headPosition();
        const filter = { streamPrefixes: [`conf${run}-`] };
        const total = 300;
        for (let i = 0; i < 100; i++)
          await store.append(stream(`s${i % 7}`), [testEvent('Early', { i })], 'any');
        const writing = (async () => {
          for (let i = 100; i < total; i += 2) {
            await store.append(
              stream(`s${i % 7}`),
              [testEvent('Live', { i }), testEvent('Live', { i: i + 1 })],
              'any',
            );
          }
        })();
        const received = await collectFromSubscription(
          store,
          { fromPosition: before, filter, maxBatchSize: 17 },
          (events) => events.length >= total,
        );
        await writing;
        expect(received.map((e) => e.data.i)).toEqual(Array.from({ length: total }, (_, i) => i));
        const positions = received.map((e) => e.position);
        expect(new Set(positions).size).toBe(total);
        expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
        const logged = await store.readAll({ fromPosition: before, filter });
        expect(logged.map((e) => e.id)).toEqual(received.map((e) => e.id));
      });

      it('resumes after a given position', async () => {
        const before = await store.headPosition();
        await store.append(
          stream('r'),
          ['A', 'B', 'C'].map((t) => testEvent(t)),
          'no_stream',
        );
        const [a] = await store.readStream(stream('r'));
        const filter = { streamPrefixes: [stream('r')] };
        const all = await collectFromSubscription(
          store,
          { fromPosition: before, filter },
          (e) => e.length >= 3,
        );
        expect(all.map((e) => e.type)).toEqual(['A', 'B', 'C']);
        const rest = await collectFromSubscription(
          store,
          { fromPosition: a.position, filter },
          (e) => e.length >= 2,
        );
        expect(rest.map((e) => e.type)).toEqual(['B', 'C']);
      });

      it('delivers only what the event-type filter selects', async () => {
        const before = await store.headPosition();
        const wanted = `Wanted${run}`;
        await store.append(
          stream('f'),
          [testEvent('Other'), testEvent(wanted), testEvent('Other'), testEvent(wanted)],
          'no_stream',
        );
        const got = await collectFromSubscription(
          store,
          { fromPosition: before, filter: { eventTypes: [wanted] } },
          (e) => e.length >= 2,
        );
        expect(got.map((e) => e.revision)).toEqual([1n, 3n]);
      });

      it('close() ends a waiting subscription', async () => {
        const subscription = store.subscribe({ fromPosition: await store.headPosition() });
        const consumed = (async () => {
          let batches = 0;
          for await (const _ of subscription) batches += 1;
          return batches;
        })();
        await new Promise((resolve) => setTimeout(resolve, 50));
        await subscription.close();
        await expect(consumed).resolves.toBeGreaterThanOrEqual(0);
      });
    });

    describe('deletion', () => {
      it('hard-deletes a stream for good', async () => {
        const before = await store.headPosition();
        await store.append(stream('del'), [testEvent('A'), testEvent('B')], 'no_stream');
        await store.deleteStream(stream('del'));
        await expect(store.readStream(stream('del'))).rejects.toBeInstanceOf(StreamDeleted);
        await expect(store.append(stream('del'), [testEvent('C')], 'any')).rejects.toBeInstanceOf(
          StreamDeleted,
        );
        const left = await store.readAll({
          fromPosition: before,
          filter: { streamPrefixes: [stream('del')] },
        });
        expect(left).toEqual([]);
        const next = await store.append(stream('after-del'), [testEvent('A')], 'no_stream');
        expect(next.position).toBeGreaterThan(before);
        // A subscription from the start (a rebuild) never delivers the deleted stream's events.
        const subscription = store.subscribe({
          fromPosition: 'start',
          filter: { streamPrefixes: [stream('del'), stream('after-del')] },
        });
        const seen: string[] = [];
        for await (const batch of subscription) {
          seen.push(...batch.events.map((e) => e.stream));
          if (batch.position >= next.position) break;
        }
        await subscription.close();
        expect(seen).toEqual([stream('after-del')]);
      });

      it('answers a refused delete of a missing stream with its actual revision no_stream', async () => {
        const refused = store.deleteStream(stream('del-missing'), 3n);
        await expect(refused).rejects.toMatchObject({ actual: 'no_stream', expected: 3n });
      });

      it('checks the expected revision of a delete', async () => {
        await store.append(stream('del2'), [testEvent('A')], 'no_stream');
        await expect(store.deleteStream(stream('del2'), 5n)).rejects.toBeInstanceOf(
          WrongExpectedRevision,
        );
        await expect(
          store.deleteStream(stream('del2-missing'), 'stream_exists'),
        ).rejects.toBeInstanceOf(WrongExpectedRevision);
        await store.deleteStream(stream('del2'), 0n);
        await expect(store.readStream(stream('del2'))).rejects.toBeInstanceOf(StreamDeleted);
      });
    });
  });
}
