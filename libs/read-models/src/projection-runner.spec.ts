import {
  existsSync,
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { JsonObject } from '@bti/event-store';
import { SqliteEventStore, type RecordedEvent } from '@bti/event-store';
import { testMetadata } from '@bti/event-store/testing';
import { documentProjection, type DocumentProjection } from './document-projection';
import type { Projection } from './projection';
import {
  NotEnoughRoomBeside,
  ProjectionRunner,
  ProjectionTimeout,
  RebuildAborted,
  RebuildInProgress,
  FileBuildFailed,
  type ReadModelFileBuilder,
} from './projection-runner';
import { buildReadModelFile, childProcessFileBuilder } from './read-model-file-build';
import {
  CATCH_UP_CACHE_KIB,
  SqliteReadModelStore,
  STEADY_CACHE_KIB,
} from './sqlite-read-model-store';

interface Summary extends JsonObject {
  count: number;
  sum: number;
  recentTypes: string[];
  lastRevision: string;
}

type SummaryEvolve = (document: Summary | null, event: RecordedEvent) => Summary | null;

/** Order-sensitive on purpose: a skipped, repeated or reordered event changes the documents. */
function summaryEvolve(failOnce?: { seq: number; failed: boolean }): SummaryEvolve {
  return (document, event) => {
    if (failOnce && !failOnce.failed && event.data.seq === failOnce.seq) {
      failOnce.failed = true;
      throw new Error('injected projection failure');
    }
    if (event.type === 'Reset') return null;
    const current = document ?? { count: 0, sum: 0, recentTypes: [], lastRevision: '-1' };
    return {
      count: current.count + 1,
      sum: current.sum * 3 + Number(event.data.n),
      recentTypes: [...current.recentTypes, `${event.type}@${event.stream}`].slice(-4),
      lastRevision: String(event.revision),
    };
  };
}

function summaryProjection(
  options: {
    failOnce?: { seq: number; failed: boolean };
    version?: number;
    evolve?: SummaryEvolve;
  } = {},
): DocumentProjection<Summary> {
  return documentProjection<Summary>({
    name: 'stream-summary',
    version: options.version ?? 1,
    collection: 'stream_summaries',
    documentIds: (event: RecordedEvent) => [event.stream, 'all'],
    evolve: options.evolve ?? summaryEvolve(options.failOnce),
  });
}

/** A second and third projection over some of the streams, with a filter of their own. */
function streamProjection(
  name: string,
  streams: string[],
  failOnce?: { seq: number; failed: boolean },
): DocumentProjection<Summary> {
  return documentProjection<Summary>({
    name,
    version: 1,
    collection: name,
    filter: { streamPrefixes: streams },
    documentIds: (event) => [event.stream],
    evolve: summaryEvolve(failOnce),
  });
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bti-rm-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The log a test writes, polled often so subscriptions see appends at once. */
const eventLogIn = (dir: string) =>
  new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 5 });

/** Stops the runner before the read models and the log it reads close. */
async function shutDown(
  runner: ProjectionRunner,
  readModels: SqliteReadModelStore,
  store: SqliteEventStore,
): Promise<void> {
  await runner.stop();
  readModels.close();
  await store.close();
}

const historyArbitrary = fc.array(
  fc.record({
    stream: fc.integer({ min: 0, max: 4 }),
    type: fc.constantFrom('Add', 'Add', 'Add', 'Reset'),
    n: fc.integer({ min: -50, max: 50 }),
  }),
  { minLength: 1, maxLength: 120 },
);

async function appendHistory(
  store: SqliteEventStore,
  history: { stream: number; type: string; n: number }[],
  from: number,
  to: number,
  chunk: number,
): Promise<void> {
  for (let i = from; i < to; i += chunk) {
    const slice = history.slice(i, Math.min(i + chunk, to));
    // Several appends per tick, so group commits and projection batches interleave irregularly.
    await Promise.all(
      slice.map((item, k) =>
        store.append(
          `item-${item.stream}`,
          [{ type: item.type, data: { n: item.n, seq: i + k }, metadata: testMetadata() }],
          'any',
        ),
      ),
    );
  }
}

/**
 * A log of `events` over three streams and a runner of one summary projection that writes
 * `build.label` into its documents and cannot get past the event numbered `build.stuckFrom` (both
 * changed by the test as it goes): a build held back half-way.
 */
async function runnerHeldBackBy(build: { label: string; stuckFrom: number }, events: number) {
  const dir = tempDir();
  const store = eventLogIn(dir);
  const history = Array.from({ length: events }, (_, i) => ({ stream: i % 3, type: 'Add', n: i }));
  await appendHistory(store, history, 0, events, 10);
  const projection = summaryProjection({
    evolve: (document, event) => {
      if (Number(event.data.seq) >= build.stuckFrom) throw new Error('not yet');
      const next = summaryEvolve()(document, event);
      return next && { ...next, recentTypes: [build.label, ...next.recentTypes.slice(1)] };
    },
  });
  const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
  const runner = new ProjectionRunner(store, readModels, [projection], {
    maxBatchSize: 7,
    retryDelayMs: 20,
  });
  return { dir, store, history, readModels, runner };
}

describe('ProjectionRunner', () => {
  it('rebuilding from position 0 gives the same read model as incremental processing, failures included', async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArbitrary,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 9 }),
        fc.nat(),
        fc.nat(),
        async (history, maxBatchSize, chunk, splitSeed, failSeed) => {
          const dir = tempDir();
          const store = new SqliteEventStore({
            path: join(dir, 'events.sqlite'),
            pollIntervalMs: 5,
          });
          const incremental = new SqliteReadModelStore(join(dir, 'incremental.sqlite'));
          const split = splitSeed % (history.length + 1);
          const failOnce = { seq: failSeed % history.length, failed: false };
          try {
            await appendHistory(store, history, 0, split, chunk);
            const runner = new ProjectionRunner(
              store,
              incremental,
              [summaryProjection({ failOnce })],
              {
                maxBatchSize,
                retryDelayMs: 1,
              },
            );
            runner.start();
            await appendHistory(store, history, split, history.length, chunk);
            await runner.waitForPosition(await store.headPosition(), 15_000);
            const [status] = await runner.status();
            await runner.stop();
            expect(failOnce.failed).toBe(true);
            expect(status.lag).toBe(0n);

            const rebuilt = new SqliteReadModelStore(join(dir, 'rebuilt.sqlite'));
            const rebuildRunner = new ProjectionRunner(store, rebuilt, [summaryProjection()], {
              maxBatchSize: 1000,
            });
            await rebuildRunner.rebuild('stream-summary');
            expect(rebuilt.dumpCollection('stream_summaries')).toEqual(
              incremental.dumpCollection('stream_summaries'),
            );
            expect(rebuilt.checkpoint('stream-summary')).toBe(
              incremental.checkpoint('stream-summary'),
            );
            rebuilt.close();
          } finally {
            incremental.close();
            await store.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a restarted runner resumes from its checkpoint without applying anything twice', async () => {
    const dir = tempDir();
    const store = eventLogIn(dir);
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    const history = Array.from({ length: 30 }, (_, i) => ({ stream: i % 3, type: 'Add', n: i }));
    await appendHistory(store, history, 0, 15, 5);
    const first = new ProjectionRunner(store, readModels, [summaryProjection()]);
    first.start();
    await first.waitForPosition(await store.headPosition(), 5000);
    await first.stop();
    await appendHistory(store, history, 15, 30, 5);
    const second = new ProjectionRunner(store, readModels, [summaryProjection()]);
    second.start();
    await second.waitForPosition(await store.headPosition(), 5000);
    await second.stop();
    expect(readModels.getDocument<Summary>('stream_summaries', 'all')?.count).toBe(30);
    readModels.close();
    await store.close();
  });

  it('keeps a failing projection at its checkpoint and reports the failure', async () => {
    const dir = tempDir();
    const store = eventLogIn(dir);
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    await store.append(
      'item-0',
      [{ type: 'Add', data: { n: 1, seq: 0 }, metadata: testMetadata() }],
      'any',
    );
    const broken = summaryProjection({
      evolve: () => {
        throw new Error('always broken');
      },
    });
    const runner = new ProjectionRunner(store, readModels, [broken], { retryDelayMs: 5 });
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [status] = await runner.status();
    await runner.stop();
    expect(status.checkpoint).toBe(0n);
    expect(status.lag).toBe(1n);
    expect(status.consecutiveFailures).toBeGreaterThan(0);
    expect(status.lastError).toMatch(/always broken/);
    expect(readModels.dumpCollection('stream_summaries')).toEqual({});
    readModels.close();
    await store.close();
  });

  it('rebuilds a projection whose version changed', async () => {
    const dir = tempDir();
    const store = eventLogIn(dir);
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    await appendHistory(store, [{ stream: 0, type: 'Add', n: 2 }], 0, 1, 1);
    const v1 = new ProjectionRunner(store, readModels, [summaryProjection()]);
    v1.start();
    await v1.waitForPosition(await store.headPosition(), 5000);
    await v1.stop();
    const doubled = summaryProjection({
      version: 2,
      evolve: (document, event) => ({
        count: (document?.count ?? 0) + 2,
        sum: 0,
        recentTypes: [],
        lastRevision: String(event.revision),
      }),
    });
    const v2 = new ProjectionRunner(store, readModels, [doubled]);
    v2.start();
    await v2.waitForPosition(await store.headPosition(), 5000);
    await v2.stop();
    expect(readModels.getDocument<Summary>('stream_summaries', 'all')?.count).toBe(2);
    readModels.close();
    await store.close();
  });

  it('feeds healthy projections from one subscription; a failing one is retried alone and joins again', async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArbitrary,
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        fc.nat(),
        async (history, maxBatchSize, splitSeed, failSeed) => {
          const dir = tempDir();
          const store = new SqliteEventStore({
            path: join(dir, 'events.sqlite'),
            pollIntervalMs: 5,
          });
          const subscriptions: (string | undefined)[] = [];
          const counting = Object.create(store) as SqliteEventStore;
          counting.subscribe = (options) => {
            subscriptions.push(JSON.stringify(options?.filter));
            return store.subscribe(options);
          };
          const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
          const evenItems = history.flatMap((item, seq) => (item.stream % 2 === 0 ? [seq] : []));
          const failOnce = {
            seq: evenItems.length > 0 ? evenItems[failSeed % evenItems.length] : -1,
            failed: false,
          };
          const projections = () => [
            summaryProjection(),
            streamProjection('evens', ['item-0', 'item-2', 'item-4'], failOnce),
            streamProjection('odds', ['item-1', 'item-3']),
          ];
          const split = splitSeed % (history.length + 1);
          try {
            await appendHistory(store, history, 0, split, 3);
            const runner = new ProjectionRunner(counting, readModels, projections(), {
              maxBatchSize,
              retryDelayMs: 1,
            });
            runner.start();
            await appendHistory(store, history, split, history.length, 3);
            await runner.waitForPosition(await store.headPosition(), 15_000);
            const statuses = await runner.status();
            await runner.stop();
            expect(failOnce.failed).toBe(evenItems.length > 0);
            expect(statuses.every((status) => status.lag === 0n && status.running)).toBe(true);
            expect(statuses.map((status) => status.feed)).toEqual(['shared', 'shared', 'shared']);
            // One shared subscription with the union of the filters, one for the failed projection
            // alone, and (after it joined again) perhaps one more shared one.
            expect(subscriptions[0]).toBe(undefined);
            expect(subscriptions.filter((f) => f?.includes('item-0')).length).toBe(
              failOnce.failed ? 1 : 0,
            );
            expect(subscriptions.length).toBeLessThanOrEqual(3);

            for (const projection of projections()) {
              const alone = new SqliteReadModelStore(join(dir, `${projection.name}.sqlite`));
              await new ProjectionRunner(store, alone, [projection]).rebuild(projection.name);
              expect(alone.dumpProjection(projection)).toEqual(
                readModels.dumpProjection(projection),
              );
              alone.close();
            }
          } finally {
            readModels.close();
            await store.close();
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('rebuilds one projection while the others keep running, and it joins them again', async () => {
    const dir = tempDir();
    const store = eventLogIn(dir);
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    const history = Array.from({ length: 60 }, (_, i) => ({ stream: i % 5, type: 'Add', n: i }));
    await appendHistory(store, history, 0, 30, 4);
    const odds = streamProjection('odds', ['item-1', 'item-3']);
    const runner = new ProjectionRunner(store, readModels, [summaryProjection(), odds], {
      maxBatchSize: 7,
    });
    runner.start();
    const rebuilt = runner.rebuild('odds');
    await appendHistory(store, history, 30, 60, 4);
    await rebuilt;
    await runner.waitForPosition(await store.headPosition(), 5000);
    expect(readModels.getDocument<Summary>('stream_summaries', 'all')?.count).toBe(60);
    expect(readModels.getDocument<Summary>('odds', 'item-1')?.count).toBe(12);
    await appendHistory(store, history.slice(0, 5), 0, 5, 5);
    await runner.waitForPosition(await store.headPosition(), 5000);
    const statuses = await runner.status();
    await runner.stop();
    expect(statuses.map((status) => [status.lag, status.feed])).toEqual([
      [0n, 'shared'],
      [0n, 'shared'],
    ]);
    expect(readModels.getDocument<Summary>('odds', 'item-1')?.count).toBe(13);
    expect(readModels.getDocument<Summary>('stream_summaries', 'all')?.count).toBe(65);
    readModels.close();
    await store.close();
  });

  it('answers a query waiting for its own write with ProjectionTimeout once the read models close (shutting down), not with a closed database', async () => {
    const dir = tempDir();
    const store = eventLogIn(dir);
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    const runner = new ProjectionRunner(store, readModels, [summaryProjection()]);
    runner.start();
    const started = Date.now();
    const waiting = runner.waitForPosition(5n, 10_000);
    const answered = expect(waiting).rejects.toThrow(new ProjectionTimeout(5n));
    await runner.stop();
    readModels.close();
    await answered;
    expect(Date.now() - started).toBeLessThan(5_000);
    await store.close();
  });

  it('refuses two projections writing to one table', () => {
    expect(
      () =>
        new ProjectionRunner({} as SqliteEventStore, {} as SqliteReadModelStore, [
          summaryProjection(),
          { ...summaryProjection(), name: 'other' },
        ]),
    ).toThrow(/table stream_summaries/);
  });

  it('holds a large page cache while a backlog is applied, and settles at the head: WAL emptied, cache small again', async () => {
    const dir = tempDir();
    const store = eventLogIn(dir);
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    expect(readModels.cacheSize()).toBe(STEADY_CACHE_KIB);
    const history = Array.from({ length: 95 }, (_, i) => ({ stream: i % 5, type: 'Add', n: i }));
    await appendHistory(store, history, 0, 95, 19);
    const sizes: number[] = [];
    const beginCatchUp = readModels.beginCatchUp.bind(readModels);
    readModels.beginCatchUp = () => {
      beginCatchUp();
      sizes.push(readModels.cacheSize());
    };
    const runner = new ProjectionRunner(store, readModels, [summaryProjection()], {
      maxBatchSize: 10,
    });
    runner.start();
    await runner.waitForPosition(await store.headPosition(), 5000);
    // Nine full batches of ten, then the last five: the head.
    expect(sizes.length).toBe(9);
    expect(new Set(sizes)).toEqual(new Set([CATCH_UP_CACHE_KIB]));
    await eventually(() => readModels.cacheSize() === STEADY_CACHE_KIB);
    expect(statSync(`${readModels.path}-wal`).size).toBe(0);
    expect(readModels.getDocument<Summary>('stream_summaries', 'all')?.count).toBe(95);
    await shutDown(runner, readModels, store);
  });

  it('settles at the head when the log ends on an exact multiple of the batch size', async () => {
    const dir = tempDir();
    const store = eventLogIn(dir);
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    const history = Array.from({ length: 100 }, (_, i) => ({ stream: i % 5, type: 'Add', n: i }));
    await appendHistory(store, history, 0, 100, 20);
    const runner = new ProjectionRunner(store, readModels, [summaryProjection()], {
      maxBatchSize: 10,
      settleWhenQuietMs: 50,
    });
    runner.start();
    try {
      await runner.waitForPosition(await store.headPosition(), 5000);
      // Ten full batches and no short one after them: the last full one reached the head.
      await eventually(() => readModels.cacheSize() === STEADY_CACHE_KIB);
      expect(statSync(`${readModels.path}-wal`).size).toBe(0);
      // What is written after it is applied as before.
      await appendHistory(store, history, 0, 100, 20);
      await runner.waitForPosition(await store.headPosition(), 5000);
      await eventually(() => readModels.cacheSize() === STEADY_CACHE_KIB);
      expect(readModels.getDocument<Summary>('stream_summaries', 'all')?.count).toBe(200);
    } finally {
      await shutDown(runner, readModels, store);
    }
  });

  it('accounts each projection’s own time and events, and the batch transactions they ran in', async () => {
    const dir = tempDir();
    const store = eventLogIn(dir);
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    const history = Array.from({ length: 30 }, (_, i) => ({ stream: i % 3, type: 'Add', n: i }));
    await appendHistory(store, history, 0, 30, 10);
    const busyFor = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    // A slow projection over a third of the streams, and one that fails once and is tried again.
    const slow = documentProjection<Summary>({
      name: 'slow',
      version: 1,
      collection: 'slow',
      filter: { streamPrefixes: ['item-0'] },
      documentIds: (event) => [event.stream],
      evolve: (document, event) => {
        busyFor(5);
        return summaryEvolve()(document, event);
      },
    });
    const flaky = streamProjection('flaky', ['item-1', 'item-2'], { seq: 4, failed: false });
    const runner = new ProjectionRunner(store, readModels, [summaryProjection(), slow, flaky], {
      maxBatchSize: 8,
      retryDelayMs: 1,
    });
    runner.start();
    try {
      await runner.waitForPosition(await store.headPosition(), 5000);
      const status = new Map((await runner.status()).map((p) => [p.name, p]));
      expect(status.get('stream-summary')?.eventsHandled).toBe(30);
      expect(status.get('slow')?.eventsHandled).toBe(10);
      expect(status.get('slow')?.applySeconds).toBeGreaterThanOrEqual(0.05);
      // The batch that failed was handed to it again: more than its twenty events.
      expect(status.get('flaky')?.eventsHandled).toBeGreaterThan(20);
      const work = readModels.work();
      const projectionSeconds = Object.values(work.projections).reduce(
        (sum, p) => sum + p.applySeconds,
        0,
      );
      expect(work.transactions).toBeGreaterThanOrEqual(4);
      expect(work.transactionSeconds).toBeGreaterThanOrEqual(projectionSeconds);
      expect(status.get('slow')?.applySeconds).toBeLessThan(work.transactionSeconds);
    } finally {
      await shutDown(runner, readModels, store);
    }
  });

  it('names a projection as rebuilding from its reset until it reaches the head of that time, across a restart', async () => {
    const dir = tempDir();
    const store = eventLogIn(dir);
    const history = Array.from({ length: 40 }, (_, i) => ({ stream: i % 2, type: 'Add', n: i }));
    await appendHistory(store, history, 0, 40, 10);
    const head = await store.headPosition();
    const other = streamProjection('other', ['item-1']);
    // A fresh read-model file on a log that has events: both start empty, so both are rebuilding.
    let readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    readModels.register(summaryProjection());
    readModels.register(other);
    expect(readModels.rebuilding().sort()).toEqual(['other', 'stream-summary']);
    // Stopped part of the way (a crash, a restart): still rebuilding when the file is opened again.
    const halting = summaryProjection({
      evolve: (document, event) => {
        if (Number(event.data.seq) >= 20) throw new Error('stopped half-way');
        return summaryEvolve()(document, event);
      },
    });
    const partial = new ProjectionRunner(store, readModels, [halting, other], {
      maxBatchSize: 5,
      retryDelayMs: 1_000,
    });
    partial.start();
    await eventually(() => readModels.checkpoint('stream-summary') > 0n);
    await partial.stop();
    expect(readModels.checkpoint('stream-summary')).toBeLessThan(head);
    readModels.close();
    readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    const runner = new ProjectionRunner(store, readModels, [summaryProjection(), other], {
      maxBatchSize: 5,
    });
    try {
      // The other one had reached the head before the stop: it is no longer named.
      expect(runner.rebuilding()).toEqual(['stream-summary']);
      runner.start();
      await runner.waitForPosition(head, 5000);
      expect(runner.rebuilding()).toEqual([]);
      // Events written after a caught-up projection are not a rebuild.
      await appendHistory(store, history, 0, 10, 10);
      expect(runner.rebuilding()).toEqual([]);
      await runner.waitForPosition(await store.headPosition(), 5000);
      // One projection emptied (as its rebuild does): it alone is named, until it has caught up.
      await runner.stop();
      readModels.reset(other);
      expect(runner.rebuilding()).toEqual(['other']);
      expect(runner.rebuilding(['stream-summary'])).toEqual([]);
      runner.start();
      await runner.waitForPosition(await store.headPosition(), 5000);
      expect(runner.rebuilding()).toEqual([]);
      expect(readModels.dumpCollection('other')).toEqual(
        expect.objectContaining({ 'item-1': expect.objectContaining({ count: 25 }) }),
      );
    } finally {
      await shutDown(runner, readModels, store);
    }
  });

  it('stops naming a projection as rebuilding as soon as a batch takes it to its target', () => {
    const readModels = new SqliteReadModelStore(join(tempDir(), 'rm.sqlite'));
    const projection = streamProjection('other', ['item-1']);
    try {
      readModels.register(projection);
      readModels.resolvePendingRebuilds(10n);
      expect(readModels.rebuilding()).toEqual(['other']);
      readModels.applyBatch(projection, { events: [], position: 6n });
      expect(readModels.rebuilding()).toEqual(['other']);
      readModels.applyBatch(projection, { events: [], position: 10n });
      expect(readModels.rebuilding()).toEqual([]);
      expect(() => readModels.refuseWhileRebuilding(['other'])).not.toThrow();
    } finally {
      readModels.close();
    }
  });

  it('rebuilds beside the live read models: they answer meanwhile, never as rebuilding, and the new file takes their place whole', async () => {
    // What each build writes into its documents; the second build is what an erasure makes.
    const build = { label: 'Skjelbreid-old', stuckFrom: Number.POSITIVE_INFINITY };
    const { dir, store, history, readModels, runner } = await runnerHeldBackBy(build, 40);
    try {
      runner.start();
      await runner.waitForPosition(await store.headPosition(), 5000);
      const counting = readModels.reader((db) => {
        const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM stream_summaries');
        return { documents: () => count.get()?.n ?? 0, made: db };
      });
      readModels.saveCheckpoint('a-saga', 17n);
      expect(readModels.getDocument<Summary>('stream_summaries', 'all')?.recentTypes[0]).toBe(
        'Skjelbreid-old',
      );
      const firstConnection = counting.made;

      // A second name for the live file: what is left of it after the swap can be read there.
      linkSync(join(dir, 'rm.sqlite'), join(dir, 'old-file'));
      build.label = 'redacted';
      build.stuckFrom = 20;
      const rebuilt = runner.rebuildAllBeside(10_000);
      await eventually(() => existsSync(join(dir, 'rm.sqlite.next')));
      // While the new file is built (and held back here half-way), the live one answers as before,
      // follows the log, and is not named as rebuilding.
      await store.append(
        'item-9',
        [{ type: 'Add', data: { n: 1, seq: 1 }, metadata: testMetadata() }],
        'any',
      );
      await runner.waitForPosition(await store.headPosition(), 5000);
      expect(runner.rebuilding()).toEqual([]);
      expect(counting.documents()).toBe(5);
      expect(readModels.getDocument<Summary>('stream_summaries', 'item-0')?.recentTypes[0]).toBe(
        'Skjelbreid-old',
      );
      // Held back before event 20: the new file's lowest checkpoint is short of it, and says so.
      const status = runner.rebuildBesideStatus();
      expect(status).toMatchObject({ phase: 'building', startedAt: expect.any(String) });
      expect(status?.position).toBeLessThan(20n);
      build.stuckFrom = Number.POSITIVE_INFINITY;
      await rebuilt;
      expect(runner.rebuildBesideStatus()).toBeNull();

      expect(readModels.getDocument<Summary>('stream_summaries', 'all')?.recentTypes[0]).toBe(
        'redacted',
      );
      // The reader was made again on the new file; the saga's checkpoint came along.
      expect(counting.made).not.toBe(firstConnection);
      expect(counting.documents()).toBe(5);
      expect(readModels.checkpoint('a-saga')).toBe(17n);
      expect(runner.rebuilding()).toEqual([]);
      // The runner follows the log on the new file.
      await appendHistory(store, history, 0, 5, 5);
      await runner.waitForPosition(await store.headPosition(), 5000);
      expect(readModels.getDocument<Summary>('stream_summaries', 'all')?.count).toBe(46);
      // Nothing of the old build is left in any file of the folder, nor the file built beside it.
      await shutDown(runner, readModels, store);
      const oldFile = readFileSync(join(dir, 'old-file'));
      expect(oldFile.length).toBeGreaterThan(0);
      expect(oldFile.every((byte) => byte === 0)).toBe(true);
      const files = readdirSync(dir);
      expect(files.filter((name) => name.startsWith('rm.sqlite.'))).toEqual([]);
      for (const name of files)
        expect([name, readFileSync(join(dir, name)).includes('Skjelbreid-old')]).toEqual([
          name,
          false,
        ]);
    } finally {
      if (readModels.db.open) await shutDown(runner, readModels, store);
    }
  });

  it('gives up a rebuild beside the live read models when stopped, and leaves them as they were', async () => {
    const build = { label: 'same', stuckFrom: Number.POSITIVE_INFINITY };
    const { dir, store, readModels, runner } = await runnerHeldBackBy(build, 20);
    try {
      runner.start();
      await runner.waitForPosition(await store.headPosition(), 5000);
      const before = readModels.dumpCollection('stream_summaries');
      build.stuckFrom = 10;
      const rebuilt = runner.rebuildAllBeside(10_000);
      await eventually(() => existsSync(join(dir, 'rm.sqlite.next')));
      const givenUp = expect(rebuilt).rejects.toThrow(RebuildAborted);
      await runner.stop();
      await givenUp;
      expect(readModels.dumpCollection('stream_summaries')).toEqual(before);
      expect(readdirSync(dir).filter((name) => name.startsWith('rm.sqlite.'))).toEqual([]);
      expect((await runner.status()).every((p) => !p.running)).toBe(true);
    } finally {
      await shutDown(runner, readModels, store);
    }
  });

  it('keeps the live read models when a rebuild beside them fails, and refuses another rebuild while one runs', async () => {
    const build = { label: 'same', stuckFrom: 10 };
    const { dir, store, readModels, runner } = await runnerHeldBackBy(build, 20);
    try {
      build.stuckFrom = Number.POSITIVE_INFINITY;
      runner.start();
      await runner.waitForPosition(await store.headPosition(), 5000);
      const before = readModels.dumpCollection('stream_summaries');
      build.stuckFrom = 10;
      const failed = runner.rebuildAllBeside(300);
      expect(runner.rebuildingBeside).toBe(true);
      await expect(runner.rebuild('stream-summary')).rejects.toThrow(RebuildInProgress);
      await expect(runner.rebuildAllBeside()).rejects.toThrow(RebuildInProgress);
      await expect(failed).rejects.toThrow(ProjectionTimeout);
      expect(runner.rebuildingBeside).toBe(false);
      expect(readModels.dumpCollection('stream_summaries')).toEqual(before);
      expect(readdirSync(dir).filter((name) => name.startsWith('rm.sqlite.'))).toEqual([]);
      // The live runner goes on.
      await store.append(
        'item-0',
        [{ type: 'Add', data: { n: 1, seq: 1 }, metadata: testMetadata() }],
        'any',
      );
      await runner.waitForPosition(await store.headPosition(), 5000);
      expect(readModels.getDocument<Summary>('stream_summaries', 'all')?.count).toBe(21);
    } finally {
      await shutDown(runner, readModels, store);
    }
  });

  it('does not begin a rebuild beside the live read models without the room for a second file', async () => {
    const build = { label: 'same', stuckFrom: Number.POSITIVE_INFINITY };
    const { dir, store, readModels } = await runnerHeldBackBy(build, 10);
    const projection = summaryProjection();
    // A disk that never has room: a multiple of the live file's size larger than any disk.
    const runner = new ProjectionRunner(store, readModels, [projection], {
      rebuildBesideSpaceFactor: Number.MAX_SAFE_INTEGER,
    });
    try {
      runner.start();
      await runner.waitForPosition(await store.headPosition(), 5000);
      const before = readModels.dumpCollection('stream_summaries');
      await expect(runner.rebuildAllBeside()).rejects.toThrow(NotEnoughRoomBeside);
      expect(runner.rebuildingBeside).toBe(false);
      expect(readdirSync(dir).filter((name) => name.startsWith('rm.sqlite.'))).toEqual([]);
      expect(readModels.dumpCollection('stream_summaries')).toEqual(before);
      expect((await runner.status()).every((p) => p.running)).toBe(true);
    } finally {
      await shutDown(runner, readModels, store);
    }
  });

  it('opens a file whose swap a crash cut short: the live file kept when the rename had not happened, the old one shredded when it had', () => {
    const dir = tempDir();
    const path = join(dir, 'rm.sqlite');
    const first = new SqliteReadModelStore(path);
    first.register(summaryProjection());
    first.saveCheckpoint('a-saga', 5n);
    first.close();
    // Linked, not renamed: the name that waits for shredding is still the file in force.
    linkSync(path, `${path}.replaced`);
    const reopened = new SqliteReadModelStore(path);
    expect(reopened.checkpoint('a-saga')).toBe(5n);
    expect(existsSync(`${path}.replaced`)).toBe(false);
    reopened.close();
    // Renamed: what waits is the old file, another one, and it is overwritten before it goes.
    writeFileSync(`${path}.replaced`, 'Skjelbreid');
    linkSync(`${path}.replaced`, join(dir, 'watch'));
    new SqliteReadModelStore(path).close();
    expect(existsSync(`${path}.replaced`)).toBe(false);
    expect(readFileSync(join(dir, 'watch')).every((byte) => byte === 0)).toBe(true);
  });

  it('shreds at opening what a rebuild beside had built when the API stopped or died', () => {
    const dir = tempDir();
    const leftovers = [
      'rm.sqlite.next',
      'rm.sqlite.next-wal',
      'rm.sqlite.next.building-0a1b2c3d',
      'rm.sqlite.next.building-0a1b2c3d-journal',
    ];
    for (const name of leftovers) writeFileSync(join(dir, name), 'Skjelbreid');
    const seen = join(dir, 'seen-through-a-link');
    linkSync(join(dir, 'rm.sqlite.next'), seen);
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    readModels.close();
    expect(readdirSync(dir).filter((name) => name.startsWith('rm.sqlite.next'))).toEqual([]);
    expect(readFileSync(seen).every((byte) => byte === 0)).toBe(true);
  });

  it('makes a reader that is an instance of its class and never holds the first one made', () => {
    const readModels = new SqliteReadModelStore(join(tempDir(), 'rm.sqlite'));
    class Counter {
      private readonly count;
      constructor(db: Database.Database) {
        this.count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM checkpoints');
      }
      checkpoints(): number {
        return this.count.get()?.n ?? 0;
      }
    }
    let made = 0;
    const counter = readModels.reader((db) => {
      made += 1;
      return new Counter(db);
    });
    expect(counter).toBeInstanceOf(Counter);
    expect(counter.checkpoints()).toBe(0);
    expect(made).toBe(1);
    expect(Object.keys(counter)).toEqual([]);
    readModels.close();
  });

  it('stops at once when asked right after it started, and keeps asking for the head a rebuild is to reach until the store answers', async () => {
    const dir = tempDir();
    const store = eventLogIn(dir);
    await appendHistory(store, [{ stream: 0, type: 'Add', n: 1 }], 0, 1, 1);
    // Stopped while it was still asking for the head: nothing is left subscribed, stop() returns.
    const quick = new SqliteReadModelStore(join(dir, 'quick.sqlite'));
    const first = new ProjectionRunner(store, quick, [summaryProjection()]);
    first.start();
    await first.waitForPosition(await store.headPosition(), 5000);
    await first.stop();
    // At the head no batch comes that would let a subscription opened after the stop see it.
    first.start();
    const stopped = await Promise.race([
      first.stop().then(() => 'stopped'),
      new Promise((resolve) => setTimeout(() => resolve('still running'), 2000).unref()),
    ]);
    expect(stopped).toBe('stopped');
    quick.close();

    // A store that cannot say where its head is, once: the mark stays, and is resolved later without
    // any new event to wake the runner.
    let unanswered = 1;
    const notReadyOnce = Object.create(store) as SqliteEventStore;
    notReadyOnce.headPosition = async () => {
      if (unanswered-- > 0) throw new Error('store not ready');
      return store.headPosition();
    };
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    const runner = new ProjectionRunner(notReadyOnce, readModels, [summaryProjection()], {
      retryDelayMs: 5,
    });
    runner.start();
    try {
      await runner.waitForPosition(await store.headPosition(), 5000);
      await eventually(() => runner.rebuilding().length === 0);
    } finally {
      await shutDown(runner, readModels, store);
    }
  });

  it('takes a read-model file from before the rebuild mark as rebuilding until each projection is at the head', async () => {
    const dir = tempDir();
    const store = eventLogIn(dir);
    const history = Array.from({ length: 20 }, (_, i) => ({ stream: i % 2, type: 'Add', n: i }));
    await appendHistory(store, history, 0, 20, 10);
    // Half-way through a rebuild when the older build stopped: checkpoint 10 of 20, no mark column.
    const old = new Database(join(dir, 'rm.sqlite'));
    old.exec(`CREATE TABLE checkpoints (projection TEXT PRIMARY KEY, version INTEGER NOT NULL,
      position INTEGER NOT NULL, updated_at TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO checkpoints VALUES ('stream-summary', 1, 10, '2026-11-01T00:00:00Z');`);
    old.close();
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    const runner = new ProjectionRunner(store, readModels, [summaryProjection()]);
    try {
      expect(runner.rebuilding()).toEqual(['stream-summary']);
      runner.start();
      await runner.waitForPosition(await store.headPosition(), 5000);
      expect(runner.rebuilding()).toEqual([]);
    } finally {
      await shutDown(runner, readModels, store);
    }
  });
});

async function eventually(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(condition()).toBe(true);
}

describe('building the read models elsewhere', () => {
  /** A log of `events` over three streams, its live read models caught up, and the summary projection. */
  async function liveReadModels(events: number) {
    const dir = tempDir();
    const store = eventLogIn(dir);
    const history = Array.from({ length: events }, (_, i) => ({
      stream: i % 3,
      type: 'Add',
      n: i,
    }));
    await appendHistory(store, history, 0, events, 10);
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    return { dir, store, history, readModels };
  }

  /** A builder in this process, writing what `buildReadModelFile` writes, and what it was asked. */
  function inProcessBuilder(
    store: SqliteEventStore,
    projections: readonly Projection[],
    afterwards: () => Promise<void> = async () => undefined,
  ) {
    const calls: string[] = [];
    const builder: ReadModelFileBuilder = async (path, { onProgress }) => {
      calls.push(path);
      const { position, report } = await buildReadModelFile(
        store,
        projections,
        { into: path, maxMegabytes: 64, maxBatchSize: 7 },
        onProgress,
      );
      onProgress(position);
      await afterwards();
      return report;
    };
    return { builder, calls };
  }

  it('builds in memory and writes one file equal to the read models built incrementally, at the head it began with', async () => {
    const { dir, store, readModels } = await liveReadModels(40);
    const runner = new ProjectionRunner(store, readModels, [
      summaryProjection(),
      streamProjection('odd_streams', ['item-1']),
    ]);
    try {
      runner.start();
      await runner.waitForPosition(await store.headPosition(), 5000);
      const into = join(dir, 'built.sqlite');
      const progress: bigint[] = [];
      const { position: reached, report } = await buildReadModelFile(
        store,
        [summaryProjection(), streamProjection('odd_streams', ['item-1'])],
        { into, maxMegabytes: 64, maxBatchSize: 7 },
        (position) => progress.push(position),
      );
      // Its own accounting: each projection's events and time, the batches' transactions.
      expect(report.work.projections['stream-summary'].eventsHandled).toBe(40);
      expect(report.work.transactions).toBeGreaterThan(0);
      expect(report.seconds).toBeGreaterThan(0);
      expect(reached).toBe(await store.headPosition());
      // One file, no journal beside it, and nothing else written in the folder.
      expect(readdirSync(dir).filter((name) => name.startsWith('built'))).toEqual(['built.sqlite']);
      const built = new SqliteReadModelStore(into);
      try {
        for (const collection of ['stream_summaries', 'odd_streams'])
          expect(built.dumpCollection(collection)).toEqual(readModels.dumpCollection(collection));
        expect(built.checkpoint('stream-summary')).toBe(reached);
        expect(built.rebuilding(['stream-summary', 'odd_streams'])).toEqual([]);
      } finally {
        built.close();
      }
    } finally {
      await shutDown(runner, readModels, store);
    }
  });

  it('built in two shares, the first taking in the file the second wrote, gives the one build’s read models', async () => {
    const { dir, store, readModels } = await liveReadModels(40);
    readModels.close();
    const projections = () => [
      summaryProjection(),
      // With an index, made after its table is filled when merged.
      documentProjection<Summary>({
        name: 'odd_streams',
        version: 1,
        collection: 'odd_streams',
        indexes: ['count'],
        filter: { streamPrefixes: ['item-1'] },
        documentIds: (event) => [event.stream],
        evolve: summaryEvolve(),
      }),
      streamProjection('even_streams', ['item-0', 'item-2']),
    ];
    const request = (into: string, names?: string[]) => ({
      into: join(dir, into),
      maxMegabytes: 64,
      maxBatchSize: 7,
      projections: names,
    });
    try {
      const { position: whole } = await buildReadModelFile(store, projections(), request('one'));
      await buildReadModelFile(store, projections(), request('part', ['odd_streams']));
      const asked: string[] = [];
      const { position, report } = await buildReadModelFile(
        store,
        projections(),
        request('merged', ['stream-summary', 'even_streams']),
        undefined,
        undefined,
        async () => {
          asked.push('parts');
          return [join(dir, 'part')];
        },
      );
      expect(asked).toEqual(['parts']);
      expect(position).toBe(whole);
      // Its own work only: the part's was accounted for by the build that wrote it.
      expect(Object.keys(report.work.projections).sort()).toEqual([
        'even_streams',
        'stream-summary',
      ]);
      const [one, merged] = ['one', 'merged'].map((name) => new Database(join(dir, name)));
      try {
        const everything = (db: Database.Database) =>
          (
            db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all() as {
              type: string;
              name: string;
              sql: string | null;
            }[]
          ).map((object) => ({
            ...object,
            rows:
              object.type === 'table'
                ? db.prepare(`SELECT * FROM ${object.name} ORDER BY 1, 2`).all()
                : null,
          }));
        const schema = everything(one);
        expect(schema.map((object) => object.name)).toEqual(
          expect.arrayContaining([
            'checkpoints',
            'even_streams',
            'odd_streams',
            'odd_streams_by_count',
            'stream_summaries',
          ]),
        );
        // Checkpoints hold the time they were written; everything else is the same row for row.
        const withoutTimes = (objects: typeof schema) =>
          objects.map((object) =>
            object.name === 'checkpoints'
              ? {
                  ...object,
                  rows: (object.rows as object[]).map((row) => ({ ...row, updated_at: null })),
                }
              : object,
          );
        expect(withoutTimes(everything(merged))).toEqual(withoutTimes(schema));
      } finally {
        one.close();
        merged.close();
      }
      // A projection in both is a mistake, not a quiet overwrite. (Matched by message: SQLite's error is
      // not an Error of this test's realm once another suite in the worker has loaded the driver.)
      await expect(
        buildReadModelFile(
          store,
          projections(),
          request('twice', ['odd_streams']),
          undefined,
          undefined,
          async () => [join(dir, 'part')],
        ),
      ).rejects.toMatchObject({ message: expect.stringMatching(/already exists/) });
      await expect(
        buildReadModelFile(store, projections(), request('unknown', ['no_such'])),
      ).rejects.toThrow('No projection named no_such');
    } finally {
      await store.close();
    }
  });

  it('writes no file when it is no longer wanted by the time it is built', async () => {
    const { dir, store, readModels } = await liveReadModels(10);
    readModels.close();
    try {
      const into = join(dir, 'built.sqlite');
      await expect(
        buildReadModelFile(
          store,
          [summaryProjection()],
          { into, maxMegabytes: 64, maxBatchSize: 5 },
          () => undefined,
          () => false,
        ),
      ).rejects.toThrow(RebuildAborted);
      expect(existsSync(into)).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('gives up at the first failed batch when its memory is full, and writes no file', async () => {
    const { dir, store, readModels } = await liveReadModels(30);
    readModels.close();
    const bulky = documentProjection<{ text: string }>({
      name: 'bulky',
      version: 1,
      collection: 'bulky',
      documentIds: (event) => [`${event.stream}-${event.revision}`],
      evolve: () => ({ text: 'x'.repeat(100_000) }),
    });
    try {
      await expect(
        buildReadModelFile(store, [bulky], {
          into: join(dir, 'built.sqlite'),
          maxMegabytes: 1,
          maxBatchSize: 5,
        }),
      ).rejects.toMatchObject({ code: 'SQLITE_FULL' });
      expect(existsSync(join(dir, 'built.sqlite'))).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('rebuilds beside from the file the builder wrote, and brings it up to what was appended meanwhile', async () => {
    const { dir, store, history, readModels } = await liveReadModels(30);
    const projection = summaryProjection();
    const { builder, calls } = inProcessBuilder(store, [projection], () =>
      appendHistory(store, history, 0, 6, 3),
    );
    const runner = new ProjectionRunner(store, readModels, [projection], {
      fileBuilder: { build: builder, fromPosition: 10n },
      maxBatchSize: 7,
    });
    try {
      runner.start();
      await runner.waitForPosition(await store.headPosition(), 5000);
      expect(runner.lastRebuildBeside()).toBeNull();
      await runner.rebuildAllBeside(10_000);
      expect(calls).toEqual([join(dir, 'rm.sqlite.next')]);
      expect(runner.lastRebuildBeside()).toMatchObject({
        startedAt: expect.any(String),
        replacedAt: expect.any(String),
        elsewhere: { seconds: expect.any(Number), work: expect.any(Object) },
      });
      expect(readModels.getDocument<Summary>('stream_summaries', 'all')?.count).toBe(36);
      expect(readModels.checkpoint('stream-summary')).toBe(await store.headPosition());
      expect(readdirSync(dir).filter((name) => name.startsWith('rm.sqlite.'))).toEqual([]);
    } finally {
      await shutDown(runner, readModels, store);
    }
  });

  it('builds the file itself when the builder fails, and does not ask it for a short log', async () => {
    const { dir, store, readModels } = await liveReadModels(20);
    const errors: object[] = [];
    const failing: ReadModelFileBuilder = async (path) => {
      writeFileSync(path, 'half a file');
      throw new FileBuildFailed('exited with code 3');
    };
    const runner = new ProjectionRunner(store, readModels, [summaryProjection()], {
      fileBuilder: { build: failing, fromPosition: 10n },
      logger: { info: () => undefined, error: (fields) => errors.push(fields) },
    });
    try {
      runner.start();
      await runner.waitForPosition(await store.headPosition(), 5000);
      const before = readModels.dumpCollection('stream_summaries');
      await runner.rebuildAllBeside(10_000);
      expect(runner.lastRebuildBeside()?.elsewhere).toBeNull();
      expect(readModels.dumpCollection('stream_summaries')).toEqual(before);
      expect(errors).toEqual([expect.objectContaining({ errorName: 'FileBuildFailed' })]);
      expect(readdirSync(dir).filter((name) => name.startsWith('rm.sqlite.'))).toEqual([]);
    } finally {
      await shutDown(runner, readModels, store);
    }
    // Below the threshold the runner builds alone.
    const short = await liveReadModels(5);
    const asked = inProcessBuilder(short.store, [summaryProjection()]);
    const shortRunner = new ProjectionRunner(short.store, short.readModels, [summaryProjection()], {
      fileBuilder: { build: asked.builder, fromPosition: 10n },
    });
    try {
      shortRunner.start();
      await shortRunner.rebuildAllBeside(10_000);
      expect(asked.calls).toEqual([]);
      expect(shortRunner.lastRebuildBeside()?.elsewhere).toBeNull();
    } finally {
      await shutDown(shortRunner, short.readModels, short.store);
    }
  });

  it('stops the builder when the runner stops, and leaves the live read models as they were', async () => {
    const { dir, store, readModels } = await liveReadModels(20);
    let stoppedBuilder = false;
    const hanging: ReadModelFileBuilder = (path, { signal }) => {
      writeFileSync(path, 'begun');
      return new Promise((_resolve, reject) =>
        signal.addEventListener('abort', () => {
          stoppedBuilder = true;
          reject(new RebuildAborted());
        }),
      );
    };
    const runner = new ProjectionRunner(store, readModels, [summaryProjection()], {
      fileBuilder: { build: hanging, fromPosition: 1n },
    });
    try {
      runner.start();
      await runner.waitForPosition(await store.headPosition(), 5000);
      const before = readModels.dumpCollection('stream_summaries');
      const rebuilt = runner.rebuildAllBeside(10_000);
      await eventually(() => existsSync(join(dir, 'rm.sqlite.next')));
      expect(runner.rebuildBesideStatus()).toMatchObject({ phase: 'building', position: 0n });
      const givenUp = expect(rebuilt).rejects.toThrow(RebuildAborted);
      await runner.stop();
      await givenUp;
      expect(stoppedBuilder).toBe(true);
      expect(readModels.dumpCollection('stream_summaries')).toEqual(before);
      expect(readdirSync(dir).filter((name) => name.startsWith('rm.sqlite.'))).toEqual([]);
    } finally {
      await shutDown(runner, readModels, store);
    }
  });

  it('builds empty read models over a long log elsewhere, and only those', async () => {
    const { store, readModels } = await liveReadModels(20);
    const projection = summaryProjection();
    const { builder } = inProcessBuilder(store, [projection]);
    const options = { fileBuilder: { build: builder, fromPosition: 10n } };
    try {
      expect(
        await new ProjectionRunner(
          store,
          readModels,
          [projection],
          options,
        ).startsFromScratchElsewhere(),
      ).toBe(true);
      expect(
        await new ProjectionRunner(store, readModels, [projection], {
          fileBuilder: { ...options.fileBuilder, fromPosition: 21n },
        }).startsFromScratchElsewhere(),
      ).toBe(false);
      expect(
        await new ProjectionRunner(store, readModels, [projection]).startsFromScratchElsewhere(),
      ).toBe(false);
      const empty = await liveReadModels(0);
      try {
        expect(
          await new ProjectionRunner(empty.store, empty.readModels, [projection], {
            fileBuilder: { ...options.fileBuilder, fromPosition: 0n },
          }).startsFromScratchElsewhere(),
        ).toBe(false);
      } finally {
        empty.readModels.close();
        await empty.store.close();
      }
      const runner = new ProjectionRunner(store, readModels, [projection], options);
      // Not started: the live read models stand still while the file is built, and are then in force.
      await runner.rebuildAllBeside(10_000);
      expect((await runner.status()).every((p) => !p.running)).toBe(true);
      expect(readModels.checkpoint('stream-summary')).toBe(await store.headPosition());
      expect(runner.rebuilding()).toEqual([]);
      expect(await runner.startsFromScratchElsewhere()).toBe(false);
    } finally {
      readModels.close();
      await store.close();
    }
  });
});

describe('childProcessFileBuilder', () => {
  /** A child script that answers the build request as `body` says (plain JavaScript, no loader). */
  function childScript(body: string): string {
    const path = join(tempDir(), 'child.js');
    writeFileSync(
      path,
      `process.once('message', (message) => { ${body} }); process.send({ kind: 'ready' });`,
    );
    return path;
  }
  const options = (script: string) => ({
    script,
    context: { any: 'thing' },
    maxMegabytes: 8,
    maxBatchSize: 100,
  });
  const run = (
    builder: ReadModelFileBuilder,
    into: string,
    signal = new AbortController().signal,
    deadline = Date.now() + 10_000,
  ) => {
    const progress: bigint[] = [];
    const done = builder(into, { signal, deadline, onProgress: (p) => progress.push(p) });
    return { done, progress };
  };

  it('sends the request and context, reports progress, and resolves when the child is done', async () => {
    const script = childScript(`
      require('fs').writeFileSync(message.request.into, JSON.stringify(message));
      process.send({ kind: 'progress', position: '7' });
      process.send({ kind: 'done', position: '9', report: { seconds: 1.5, work: { projections: {}, transactions: 2, transactionSeconds: 1 } } }, () => process.disconnect());`);
    const into = join(tempDir(), 'out.json');
    const { done, progress } = run(childProcessFileBuilder(options(script)), into);
    expect(await done).toEqual({
      seconds: 1.5,
      work: { projections: {}, transactions: 2, transactionSeconds: 1 },
    });
    expect(progress).toEqual([7n, 9n]);
    // Written under a name of its own, and renamed into place once the child is done.
    expect(JSON.parse(readFileSync(into, 'utf8'))).toEqual({
      kind: 'build',
      request: {
        into: expect.stringMatching(/out\.json\.building-[0-9a-f]{8}$/),
        maxMegabytes: 8,
        maxBatchSize: 100,
      },
      context: { any: 'thing' },
    });
  });

  it('rejects with FileBuildFailed when the child reports a failure or dies', async () => {
    const failed = childScript(
      `process.send({ kind: 'failed', errorName: 'SqliteError', code: 'SQLITE_FULL' }, () => process.exit(1));`,
    );
    await expect(run(childProcessFileBuilder(options(failed)), '/nowhere').done).rejects.toThrow(
      new FileBuildFailed('SqliteError (SQLITE_FULL)'),
    );
    const died = childScript('process.exit(3);');
    await expect(run(childProcessFileBuilder(options(died)), '/nowhere').done).rejects.toThrow(
      new FileBuildFailed('exited with code 3'),
    );
  });

  /** Children that build a share each (plain JavaScript); the first waits for the parts and merges. */
  function sharingScript(secondFails = false): string {
    const path = join(tempDir(), 'sharing.js');
    writeFileSync(
      path,
      `const fs = require('fs');
      let building;
      const report = (request) => ({
        seconds: request.mergesParts ? 3 : 1,
        work: {
          projections: { [request.projections[0]]: { applySeconds: 1, eventsHandled: 5 } },
          transactions: 2,
          transactionSeconds: 1.5,
        },
        processes: 1,
      });
      process.on('message', (message) => {
        if (message.kind === 'build') {
          building = message.request;
          fs.writeFileSync(building.into, JSON.stringify({ request: building }));
          // The second share is done within its first second: no progress before it.
          if (building.mergesParts) process.send({ kind: 'progress', position: '4' });
          if (building.mergesParts) process.send({ kind: 'built' });
          else if (${secondFails}) process.send({ kind: 'failed', errorName: 'SqliteError', code: 'SQLITE_FULL' }, () => process.exit(1));
          else process.send({ kind: 'done', position: '6', report: report(building) }, () => process.disconnect());
        } else {
          const parts = message.parts.map((part) => JSON.parse(fs.readFileSync(part, 'utf8')).request.projections);
          fs.writeFileSync(building.into, JSON.stringify({ request: building, parts }));
          process.send({ kind: 'done', position: '5', report: report(building) }, () => process.disconnect());
        }
      });
      process.send({ kind: 'ready' });`,
    );
    return path;
  }

  it('shares the build between children, one group each, the first merging the others’ files once written; the parts are gone after', async () => {
    const dir = tempDir();
    const into = join(dir, 'out.json');
    const { done, progress } = run(
      childProcessFileBuilder({ ...options(sharingScript()), groups: [['a'], ['b', 'c']] }),
      into,
    );
    expect(await done).toEqual({
      seconds: 3,
      work: {
        projections: {
          a: { applySeconds: 1, eventsHandled: 5 },
          b: { applySeconds: 1, eventsHandled: 5 },
        },
        transactions: 4,
        transactionSeconds: 3,
      },
      processes: 2,
    });
    // As far as the slowest share, once each has said (a share's end counts): then where the file is.
    expect(progress).toEqual([4n, 5n]);
    expect(JSON.parse(readFileSync(into, 'utf8'))).toEqual({
      request: {
        into: expect.stringMatching(/out\.json\.building-[0-9a-f]{8}$/),
        maxMegabytes: 8,
        maxBatchSize: 100,
        projections: ['a'],
        mergesParts: true,
      },
      parts: [['b', 'c']],
    });
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('stops every child when one share fails', async () => {
    const dir = tempDir();
    await expect(
      run(
        childProcessFileBuilder({ ...options(sharingScript(true)), groups: [['a'], ['b']] }),
        join(dir, 'out.json'),
      ).done,
    ).rejects.toThrow(new FileBuildFailed('SqliteError (SQLITE_FULL)'));
    // The first, left waiting for the parts, is gone too; what it wrote is for the caller to shred.
    expect(readdirSync(dir).every((name) => name.startsWith('out.json.building-'))).toBe(true);
  });

  it('kills the child when aborted or past the deadline, and settles only once it is gone', async () => {
    const pidFile = join(tempDir(), 'pid');
    const hangs = childScript(
      `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => undefined, 1000);`,
    );
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const cancel = new AbortController();
    const aborted = run(childProcessFileBuilder(options(hangs)), '/nowhere', cancel.signal);
    await eventually(() => existsSync(pidFile));
    cancel.abort();
    await expect(aborted.done).rejects.toThrow(RebuildAborted);
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);

    rmSync(pidFile);
    // Long enough for the child to start and say who it is, on a loaded machine too.
    const late = run(
      childProcessFileBuilder(options(hangs)),
      '/nowhere',
      undefined,
      Date.now() + 1_500,
    );
    const timedOut = expect(late.done).rejects.toThrow(new ProjectionTimeout('built-elsewhere'));
    await eventually(() => existsSync(pidFile));
    await timedOut;
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  });
});
