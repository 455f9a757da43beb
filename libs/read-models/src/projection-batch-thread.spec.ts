import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore, type JsonObject, type SubscriptionBatch } from '@bti/event-store';
import { testMetadata } from '@bti/event-store/testing';
import { InThreadBatchApplier, type BatchApplier } from './batch-applier';
import type { Projection } from './projection';
import { ProjectionBatchThread } from './projection-batch-thread';
import { ProjectionRunner } from './projection-runner';
import { SqliteReadModelStore } from './sqlite-read-model-store';
import { EVENT_ROWS, TALLIES, THREAD_TEST_PROJECTIONS } from './testing/batch-thread-projections';

const SCRIPT = require.resolve('./testing/batch-thread-projections');
// Starting a thread from the TypeScript sources compiles its imports first.
jest.setTimeout(60_000);

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

interface Setup {
  readonly dir: string;
  readonly store: SqliteEventStore;
  readonly readModels: SqliteReadModelStore;
  readonly runner: ProjectionRunner;
  readonly threads: ProjectionBatchThread[];
}

/** A log, a read-model file and a runner applying its batches on a projection thread. */
function onThread(options: { maxBatchSize?: number } = {}): Setup {
  const dir = mkdtempSync(join(tmpdir(), 'bti-thread-'));
  dirs.push(dir);
  const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 5 });
  const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
  for (const projection of THREAD_TEST_PROJECTIONS) readModels.register(projection);
  const threads: ProjectionBatchThread[] = [];
  const runner = new ProjectionRunner(store, readModels, THREAD_TEST_PROJECTIONS, {
    maxBatchSize: options.maxBatchSize ?? 50,
    retryDelayMs: 10,
    maxRetryDelayMs: 50,
    batchThread: (models) => {
      const thread = new ProjectionBatchThread({ script: SCRIPT, readModels: models });
      threads.push(thread);
      return thread;
    },
  });
  return { dir, store, readModels, runner, threads };
}

async function appendItems(
  store: SqliteEventStore,
  from: number,
  to: number,
  extra: (i: number) => JsonObject = () => ({}),
): Promise<bigint> {
  let position = 0n;
  for (let i = from; i < to; i += 7) {
    const results = await Promise.all(
      Array.from({ length: Math.min(7, to - i) }, (_, k) =>
        store.append(
          `item-${(i + k) % 4}`,
          [{ type: 'Added', data: { n: i + k, ...extra(i + k) }, metadata: testMetadata() }],
          'any',
        ),
      ),
    );
    for (const result of results) if (result.position > position) position = result.position;
  }
  return position;
}

/** The same log applied by a runner on the test's own thread, into a file of its own. */
async function inThreadDump(setup: Setup, head: bigint) {
  const readModels = new SqliteReadModelStore(join(setup.dir, 'in-thread.sqlite'));
  const runner = new ProjectionRunner(setup.store, readModels, THREAD_TEST_PROJECTIONS, {
    maxBatchSize: 13,
  });
  runner.start();
  await runner.waitForPosition(head, 20_000);
  await runner.stop();
  const dump = {
    tallies: readModels.dumpProjection(TALLIES),
    rows: readModels.db.prepare('SELECT * FROM event_rows ORDER BY position').all(),
  };
  readModels.close();
  return dump;
}

const dumpOf = (readModels: SqliteReadModelStore) => ({
  tallies: readModels.dumpProjection(TALLIES),
  rows: readModels.db.prepare('SELECT * FROM event_rows ORDER BY position').all(),
});

const appliedOnMainThread = (readModels: SqliteReadModelStore) =>
  (
    readModels.db.prepare('SELECT main_thread FROM applied_on WHERE id = 1').get() as
      { main_thread: number } | undefined
  )?.main_thread;

async function eventually<T>(found: () => Promise<T | null | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await found();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('not found in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function shutDown(setup: Setup): Promise<void> {
  await setup.runner.stop();
  setup.readModels.close();
  await setup.store.close();
}

describe('ProjectionBatchThread', () => {
  it('applies the batches on a thread of its own, into the same read models a runner on this thread writes', async () => {
    const setup = onThread();
    try {
      setup.runner.start();
      const head = await appendItems(setup.store, 0, 300);
      await setup.runner.waitForPosition(head, 30_000);
      // Committed before the wait resolved: this thread's connection reads it at once.
      for (const name of ['tallies', 'event-rows'])
        expect(setup.readModels.checkpoint(name)).toBeGreaterThanOrEqual(head);
      expect(appliedOnMainThread(setup.readModels)).toBe(0);
      expect(dumpOf(setup.readModels)).toEqual(await inThreadDump(setup, head));
      // The thread's work is counted where the API reports it.
      const work = setup.readModels.work();
      expect(work.projections[EVENT_ROWS.name]?.eventsHandled).toBe(300);
      expect(work.transactions).toBeGreaterThan(0);
    } finally {
      await shutDown(setup);
    }
  });

  it('starts its thread when the runner is made ready, before any batch, and not before the runner starts', async () => {
    const setup = onThread();
    try {
      await setup.runner.readyToApply();
      expect(setup.threads).toHaveLength(0);
      setup.runner.start();
      await setup.runner.readyToApply();
      expect(setup.threads).toHaveLength(1);
      expect(setup.threads[0].isRunning).toBe(true);
      const head = await appendItems(setup.store, 0, 7);
      await setup.runner.waitForPosition(head, 30_000);
      expect(setup.threads).toHaveLength(1);
      expect(appliedOnMainThread(setup.readModels)).toBe(0);
    } finally {
      await shutDown(setup);
    }
  });

  it('retries a projection that throws on the thread alone, from its checkpoint, while the others go on', async () => {
    const setup = onThread();
    const gate = join(setup.dir, 'let-through');
    try {
      setup.runner.start();
      const head = await appendItems(setup.store, 0, 120, (i): JsonObject =>
        i === 60 ? { throwUnless: gate } : {},
      );
      await setup.runner.waitForPosition(head, 30_000, [EVENT_ROWS.name]);
      const held = (await setup.runner.status()).find((s) => s.name === TALLIES.name);
      expect(held?.checkpoint).toBeLessThan(head);
      expect(held?.lastError).toBe('Error: held back by the test');
      expect(held?.feed).toBe('solo');
      writeFileSync(gate, '');
      await setup.runner.waitForPosition(head, 30_000);
      expect(dumpOf(setup.readModels)).toEqual(await inThreadDump(setup, head));
      const status = (await setup.runner.status()).find((s) => s.name === TALLIES.name);
      expect(status?.lastError).toBeNull();
    } finally {
      await shutDown(setup);
    }
  });

  it('starts another thread when one ends mid-batch: nothing is lost or applied twice', async () => {
    const setup = onThread({ maxBatchSize: 9 });
    const gate = join(setup.dir, 'let-through');
    try {
      setup.runner.start();
      const head = await appendItems(setup.store, 0, 90, (i): JsonObject =>
        i === 45 ? { endThreadUnless: gate } : {},
      );
      // The thread ends at that event, every time, until the gate opens: the runner keeps retrying.
      const stuck = await eventually(async () => {
        const status = (await setup.runner.status()).find((s) => s.name === EVENT_ROWS.name);
        return status && status.consecutiveFailures >= 2 ? status : null;
      });
      expect(stuck.lastError).toMatch(/ProjectionBatchThreadFailed: .*exit 3/);
      expect(stuck.checkpoint).toBeLessThan(head);
      writeFileSync(gate, '');
      await setup.runner.waitForPosition(head, 30_000);
      // Event rows have the position as key: an event applied twice would have failed the batch.
      expect(dumpOf(setup.readModels)).toEqual(await inThreadDump(setup, head));
    } finally {
      await shutDown(setup);
    }
  });

  it('ends its thread when the runner stops, and a rebuild beside puts an equal file in place and goes on on a new one', async () => {
    const setup = onThread();
    try {
      setup.runner.start();
      const first = await appendItems(setup.store, 0, 100);
      await setup.runner.waitForPosition(first, 30_000);
      await setup.runner.rebuildAllBeside(60_000);
      const head = await appendItems(setup.store, 100, 160);
      await setup.runner.waitForPosition(head, 30_000);
      expect(appliedOnMainThread(setup.readModels)).toBe(0);
      expect(dumpOf(setup.readModels)).toEqual(await inThreadDump(setup, head));
      // The first thread was ended for the swap; the one after it applied the rest.
      expect(setup.threads.length).toBe(2);
      await setup.runner.stop();
      for (const thread of setup.threads) expect(thread.isRunning).toBe(false);
    } finally {
      await shutDown(setup);
    }
  });
});

/**
 * Batches applied on this thread, as the projection thread would, but a shared batch can be held
 * before it is applied — as one queued behind another on the thread — while solo batches go through.
 */
class HeldSharedBatches implements BatchApplier {
  holding = false;
  readonly held: (() => void)[] = [];
  private readonly inner: InThreadBatchApplier;

  constructor(readModels: SqliteReadModelStore) {
    this.inner = new InThreadBatchApplier(readModels);
  }

  async applyToEach(projections: readonly Projection[], batch: SubscriptionBatch) {
    if (this.holding) await new Promise<void>((resolve) => this.held.push(resolve));
    return this.inner.applyToEach(projections, batch);
  }

  applyOne(projection: Projection, batch: SubscriptionBatch) {
    return this.inner.applyOne(projection, batch);
  }

  release(): void {
    this.holding = false;
    for (const resume of this.held.splice(0)) resume();
  }

  beginCatchUp(): void {}
  endCatchUp(): void {}
  async ready(): Promise<void> {}
  async close(): Promise<void> {}
}

describe('the runner, with batches applied while it goes on', () => {
  function withHeldBatches() {
    const dir = mkdtempSync(join(tmpdir(), 'bti-held-'));
    dirs.push(dir);
    const store = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 5 });
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    for (const projection of THREAD_TEST_PROJECTIONS) readModels.register(projection);
    const applier = new HeldSharedBatches(readModels);
    const runner = new ProjectionRunner(store, readModels, THREAD_TEST_PROJECTIONS, {
      maxBatchSize: 7,
      retryDelayMs: 5,
      maxRetryDelayMs: 20,
      batchThread: () => applier,
    });
    const setup: Setup = { dir, store, readModels, runner, threads: [] };
    return { setup, applier };
  }

  const statusOf = async (setup: Setup, name: string) =>
    (await setup.runner.status()).find((status) => status.name === name);

  it('feeds a projection back from solo while a shared batch is applied only from its own checkpoint: nothing skipped', async () => {
    const { setup, applier } = withHeldBatches();
    const gate = join(setup.dir, 'let-through');
    try {
      setup.runner.start();
      const first = await appendItems(setup.store, 0, 60, (i): JsonObject =>
        i === 20 ? { throwUnless: gate } : {},
      );
      await setup.runner.waitForPosition(first, 30_000, [EVENT_ROWS.name]);
      await eventually(async () =>
        (await statusOf(setup, TALLIES.name))?.feed === 'solo' ? true : null,
      );
      // The next shared batch (event rows only) waits as if queued on the thread …
      applier.holding = true;
      const head = await appendItems(setup.store, 60, 80);
      await eventually(async () => (applier.held.length > 0 ? true : null));
      // … while the solo projection catches up past the last batch the shared feed finished, and
      // comes back to it: its checkpoint is short of the end of the batch being applied.
      writeFileSync(gate, '');
      await eventually(async () =>
        (await statusOf(setup, TALLIES.name))?.feed === 'shared' ? true : null,
      );
      expect(setup.readModels.checkpoint(TALLIES.name)).toBeLessThan(head);
      applier.release();
      await setup.runner.waitForPosition(head, 30_000);
      expect(dumpOf(setup.readModels)).toEqual(await inThreadDump(setup, head));
    } finally {
      applier.release();
      await shutDown(setup);
    }
  });

  it('answers a rebuild of a projection asked for while one is under way with that one, and feeds it again after', async () => {
    const { setup, applier } = withHeldBatches();
    try {
      setup.runner.start();
      await setup.runner.waitForPosition(await appendItems(setup.store, 0, 30), 30_000);
      applier.holding = true;
      const head = await appendItems(setup.store, 30, 50);
      await eventually(async () => (applier.held.length > 0 ? true : null));
      const first = setup.runner.rebuild(TALLIES.name, 30_000);
      const second = setup.runner.rebuild(TALLIES.name, 30_000);
      expect(second).toBe(first);
      applier.release();
      await first;
      const more = await appendItems(setup.store, 50, 60);
      await setup.runner.waitForPosition(more, 30_000);
      expect(more).toBeGreaterThan(head);
      expect(dumpOf(setup.readModels)).toEqual(await inThreadDump(setup, more));
      expect((await statusOf(setup, TALLIES.name))?.running).toBe(true);
    } finally {
      applier.release();
      await shutDown(setup);
    }
  });

  it('empties a projection rebuilt alone after the shared batch being applied, not under it', async () => {
    const { setup, applier } = withHeldBatches();
    try {
      setup.runner.start();
      const first = await appendItems(setup.store, 0, 40);
      await setup.runner.waitForPosition(first, 30_000);
      applier.holding = true;
      const head = await appendItems(setup.store, 40, 60);
      await eventually(async () => (applier.held.length > 0 ? true : null));
      const rebuilt = setup.runner.rebuild(TALLIES.name, 30_000);
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      applier.release();
      await rebuilt;
      await setup.runner.waitForPosition(head, 30_000);
      expect(dumpOf(setup.readModels)).toEqual(await inThreadDump(setup, head));
    } finally {
      applier.release();
      await shutDown(setup);
    }
  });
});

describe("a consumer's checkpoint written beside the projection thread", () => {
  it('is not written, at once, while another connection holds the write lock, and is written once it lets go', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bti-busy-'));
    dirs.push(dir);
    const readModels = new SqliteReadModelStore(join(dir, 'rm.sqlite'));
    // The projection thread's connection, in the middle of a batch.
    const thread = new Database(join(dir, 'rm.sqlite'));
    try {
      thread.exec('BEGIN IMMEDIATE');
      const started = performance.now();
      expect(readModels.saveCheckpointUnlessBusy('a-saga', 7n)).toBe(false);
      // Not the busy handler's wait (10 s): the API's thread is not held.
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(readModels.checkpoint('a-saga')).toBe(0n);
      thread.exec('COMMIT');
      expect(readModels.saveCheckpointUnlessBusy('a-saga', 7n)).toBe(true);
      expect(readModels.checkpoint('a-saga')).toBe(7n);
      // The busy handler is back for everything else.
      expect(readModels.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      thread.close();
      readModels.close();
    }
  });
});
