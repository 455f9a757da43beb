import { EventEmitter } from 'node:events';
import { closeSync, fdatasync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { JsonObject } from '../json';
import { prepareEventsForAppend, assertValidStreamName } from '../append-validation';
import { EventStoreError, StreamDeleted, StreamNotFound } from '../errors';
import { matchesFilter } from '../event-filter';
import type {
  AppendOptions,
  AppendResult,
  CommandRecord,
  EventFilter,
  EventMetadata,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionBatch,
} from '../event-store.port';
import { assertExpectedRevision } from '../expected-revision';
import { OthersCommits } from './others-commits';
import { applySqliteEventStoreSchema } from './sqlite-schema';

export interface SqliteEventStoreOptions {
  /** The database file; its folder is made if missing. `:memory:` is refused: the log must be durable. */
  readonly path: string;
  /** Store time for `recordedAt`; injectable for tests. */
  readonly now?: () => Date;
  /**
   * How often a live subscription looks for events written by another process (the admin CLI, say).
   * Appends made through this instance wake subscriptions at once.
   */
  readonly pollIntervalMs?: number;
  /** The most queued appends committed in one transaction. */
  readonly maxGroupCommitSize?: number;
  /**
   * Makes what was written to a file durable, calling back when it is on the disk: `fdatasync` by
   * default; injectable so a test can hold a sync back and see that nothing is acknowledged before it.
   */
  readonly syncFile?: (fd: number, done: (error: Error | null) => void) => void;
}

type EventRow = [
  position: number,
  stream: string,
  revision: number,
  id: string,
  type: string,
  data: string,
  metadata: string,
];

/** A committed group's writes, settled once the log file holding them is on the disk. */
type Settle = (syncError: Error | null) => void;

/** A write waiting for the next group commit; runs inside the shared transaction. */
interface QueuedWrite {
  readonly run: (recordedAt: string) => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface CommandRow {
  stream: string;
  next_expected_revision: number;
  position: number;
  fingerprint: string | null;
  event_types: string;
}

function toCommandRecord(row: CommandRow): CommandRecord {
  return {
    stream: row.stream,
    nextExpectedRevision: BigInt(row.next_expected_revision),
    position: BigInt(row.position),
    duplicate: true,
    eventTypes: JSON.parse(row.event_types) as string[],
    fingerprint: row.fingerprint,
  };
}

/** How many stream heads a store remembers before it starts again (about 10 MB at most). */
const MAX_KNOWN_HEADS = 100_000;

const EVENT_COLUMNS = 'position, stream, revision, id, type, data, metadata';
const DEFAULT_PAGE = 1000;

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    position: BigInt(row[0]),
    stream: row[1],
    revision: BigInt(row[2]),
    id: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as JsonObject,
    metadata: JSON.parse(row[6]) as EventMetadata,
  };
}

/**
 * The embedded event store: one SQLite file in WAL mode, and an append is acknowledged only after its
 * commit reached the disk.
 *
 * Group commit: appends are queued and, once the current turn of the event loop ends, committed
 * together in one transaction. Each append is checked against its own expected revision before it
 * writes, so one conflicting append fails alone while the rest commit.
 *
 * The disk: SQLite commits with `synchronous=NORMAL` (written to the WAL, not synced) and the store
 * syncs the WAL file itself, on libuv's thread pool, before it acknowledges the group, wakes its
 * subscriptions or lets them read the group's events. With `synchronous=FULL` SQLite synced inside
 * the commit on the API's one JavaScript thread, which then served nothing for that time (a tenth of
 * its time under load). A sync in progress covers what was written before it started; groups
 * committed meanwhile share the next one. A command decided on a committed, not yet synced event is
 * acknowledged only after a later sync, which covers that event too. Checkpoints stay SQLite's: with
 * NORMAL it syncs the WAL before copying it into the database file, and that file after.
 */
export class SqliteEventStore implements EventStore {
  readonly adapter = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly maxGroupCommitSize: number;
  private readonly appended = new EventEmitter();
  private queue: QueuedWrite[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly openSubscriptions = new Set<EventSubscription>();
  private readonly counters = { groupCommits: 0, writes: 0, syncs: 0 };
  private readonly walPath: string;
  private readonly syncFile: (fd: number, done: (error: Error | null) => void) => void;
  /** The WAL file, opened once it exists (after the first commit), for syncing. */
  private walFd: number | null = null;
  /** Groups committed since the sync in progress (if any) began: the next sync's to settle. */
  private unsynced: Settle[] = [];
  private syncing = false;
  /** The first event position the sync in progress makes durable, if it covers any event. */
  private syncingFrom: bigint | null = null;
  /** The first event position of the groups waiting for the next sync. */
  private unsyncedFrom: bigint | null = null;
  /** Set once a sync has failed: what the disk holds is unknown, so no append is taken after. */
  private syncFailure: Error | null = null;
  /** Waiting for the syncs to end (close). */
  private readonly syncsEnded: (() => void)[] = [];
  /**
   * The last revision of streams this connection has read or written, so a read of "what is new
   * after revision r" answers without a query when nothing is. Trusted only while no other connection
   * (the CLI, another process) has committed since: `PRAGMA data_version` says when one has.
   */
  private readonly heads = new Map<string, bigint>();
  private readonly othersCommits: OthersCommits;
  /** Heads written by the group being committed; applied only once it has committed. */
  private pendingHeads: [string, bigint | null][] = [];
  /** The first event position written by the group being committed. */
  private groupFirstPosition: bigint | null = null;

  private readonly statements: ReturnType<SqliteEventStore['prepareStatements']>;
  private readonly commitGroup: Database.Transaction<
    (writes: QueuedWrite[], outcomes: Outcome[]) => void
  >;

  constructor(options: SqliteEventStoreOptions) {
    if (options.path === ':memory:' || options.path === '') {
      throw new Error('The SQLite event store needs a file path; an in-memory log is not durable');
    }
    mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path, { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.walPath = `${options.path}-wal`;
    this.syncFile = options.syncFile ?? ((fd, done) => fdatasync(fd, done));
    // Fewer, larger checkpoints: the pages at the growing end of the log and its index are copied
    // back to the database file once per checkpoint, not once per thousand pages of WAL.
    this.db.pragma('wal_autocheckpoint = 16384');
    applySqliteEventStoreSchema(this.db);
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.maxGroupCommitSize = options.maxGroupCommitSize ?? 2000;
    this.appended.setMaxListeners(0);
    this.statements = this.prepareStatements();
    this.othersCommits = new OthersCommits(this.db);

    this.commitGroup = this.db.transaction((writes: QueuedWrite[], outcomes: Outcome[]) => {
      const recordedAt = this.now().toISOString();
      writes.forEach((write, index) => {
        try {
          outcomes[index] = { ok: true, value: write.run(recordedAt) };
        } catch (error) {
          // A broken rule of this append (conflict, deleted stream) fails this append alone. Every
          // such check runs before the append writes anything, so no savepoint is needed to undo it.
          // Anything else (I/O, a full disk) aborts the whole group: nothing half-written is acknowledged.
          if (!(error instanceof EventStoreError)) throw error;
          outcomes[index] = { ok: false, error };
        }
      });
    });
  }

  private prepareStatements() {
    const db = this.db;
    return {
      selectStream: db.prepare<[string], { revision: number; deleted: number }>(
        'SELECT revision, deleted FROM streams WHERE stream = ?',
      ),
      upsertStream: db.prepare<[string, bigint]>(
        `INSERT INTO streams (stream, revision) VALUES (?, ?)
         ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision`,
      ),
      tombstoneStream: db.prepare<[string, bigint]>(
        `INSERT INTO streams (stream, revision, deleted) VALUES (?, ?, 1)
         ON CONFLICT (stream) DO UPDATE SET deleted = 1`,
      ),
      deleteEvents: db.prepare<[string]>('DELETE FROM events WHERE stream = ?'),
      insertEvent: db.prepare<[string, bigint, string, string, string, string]>(
        'INSERT INTO events (stream, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      selectCommand: db.prepare<[string], CommandRow>(
        `SELECT stream, next_expected_revision, position, fingerprint, event_types
         FROM commands WHERE command_id = ?`,
      ),
      insertCommand: db.prepare<[string, string, bigint, bigint, string | null, string]>(
        `INSERT INTO commands (command_id, stream, next_expected_revision, position, fingerprint, event_types)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      readForwards: db
        .prepare<[string, bigint, number]>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
        )
        .raw(),
      readBackwards: db
        .prepare<[string, bigint, number]>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
        )
        .raw(),
      readAllPage: db
        .prepare<[bigint, number]>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
        )
        .raw(),
      head: db.prepare<[], { head: number | null }>('SELECT MAX(position) AS head FROM events'),
      ping: db.prepare('SELECT 1'),
    };
  }

  async append(
    stream: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const prepared = prepareEventsForAppend(stream, events);
    return this.enqueue((recordedAt) =>
      this.appendInTransaction(stream, prepared, expectedRevision, options, recordedAt),
    ) as Promise<AppendResult>;
  }

  private appendInTransaction(
    stream: string,
    events: readonly (EventToAppend & { id: string })[],
    expectedRevision: ExpectedRevision,
    { commandId, fingerprint: given }: AppendOptions,
    recordedAt: string,
  ): AppendResult {
    const s = this.statements;
    const fingerprint = given ?? null;
    if (commandId !== undefined) {
      const earlier = s.selectCommand.get(commandId);
      if (earlier) {
        const { stream: _stream, ...result } = toCommandRecord(earlier);
        return result;
      }
    }
    const current = s.selectStream.get(stream);
    if (current?.deleted) throw new StreamDeleted(stream);
    assertExpectedRevision(
      stream,
      expectedRevision,
      current ? BigInt(current.revision) : 'no_stream',
    );

    let revision = current ? BigInt(current.revision) : -1n;
    let position = 0n;
    for (const event of events) {
      revision += 1n;
      const metadata: EventMetadata = { ...event.metadata, recordedAt };
      const info = s.insertEvent.run(
        stream,
        revision,
        event.id,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(metadata),
      );
      position = BigInt(info.lastInsertRowid);
      this.groupFirstPosition ??= position;
    }
    s.upsertStream.run(stream, revision);
    this.pendingHeads.push([stream, revision]);
    const eventTypes = events.map((event) => event.type);
    if (commandId !== undefined) {
      s.insertCommand.run(
        commandId,
        stream,
        revision,
        position,
        fingerprint,
        JSON.stringify(eventTypes),
      );
    }
    return { nextExpectedRevision: revision, position, duplicate: false, eventTypes, fingerprint };
  }

  async deleteStream(stream: string, expectedRevision: ExpectedRevision = 'any'): Promise<void> {
    assertValidStreamName(stream);
    await this.enqueue(() => {
      const current = this.statements.selectStream.get(stream);
      if (current?.deleted) throw new StreamDeleted(stream);
      assertExpectedRevision(
        stream,
        expectedRevision,
        current ? BigInt(current.revision) : 'no_stream',
      );
      this.statements.deleteEvents.run(stream);
      this.statements.tombstoneStream.run(stream, current ? BigInt(current.revision) : -1n);
      this.pendingHeads.push([stream, null]);
    });
  }

  private enqueue(run: (recordedAt: string) => unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('The event store is closed'));
    if (this.syncFailure) return Promise.reject(this.syncFailure);
    return new Promise((resolve, reject) => {
      this.queue.push({ run, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // setImmediate, not a microtask: every append made in this turn of the event loop (all the
        // request handlers that just woke up) joins the same commit.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    while (this.queue.length > 0) {
      const group = this.queue.splice(0, this.maxGroupCommitSize);
      const outcomes: Outcome[] = new Array<Outcome>(group.length);
      this.pendingHeads = [];
      this.groupFirstPosition = null;
      try {
        this.commitGroup.immediate(group, outcomes);
      } catch (error) {
        for (const write of group) write.reject(error);
        continue;
      }
      const heads = this.freshHeads();
      for (const [stream, revision] of this.pendingHeads) {
        if (revision === null) heads.delete(stream);
        else heads.set(stream, revision);
      }
      // A bound, not a cache policy: forgetting heads costs one query per stream, never correctness.
      if (heads.size > MAX_KNOWN_HEADS) heads.clear();
      this.counters.groupCommits += 1;
      this.counters.writes += group.length;
      if (this.groupFirstPosition !== null) this.unsyncedFrom ??= this.groupFirstPosition;
      this.afterSync((syncError) =>
        group.forEach((write, index) => {
          const outcome = outcomes[index];
          if (syncError) write.reject(syncError);
          else if (outcome.ok) write.resolve(outcome.value);
          else write.reject(outcome.error);
        }),
      );
    }
  }

  /** Settles a committed group once a sync that began after its commit has ended. */
  private afterSync(settle: Settle): void {
    this.unsynced.push(settle);
    if (!this.syncing) this.syncNow();
  }

  private syncNow(): void {
    const settles = this.unsynced;
    this.unsynced = [];
    if (this.syncFailure) {
      // After a failed sync a later one may report success without the lost pages: nothing is.
      for (const settle of settles) settle(this.syncFailure);
      return;
    }
    this.syncing = true;
    this.syncingFrom = this.unsyncedFrom;
    this.unsyncedFrom = null;
    const done = (error: Error | null) => {
      this.syncing = false;
      if (error) {
        this.syncFailure = new Error(
          `The event log could not be synced to the disk (${error.message}); no append is taken until the service restarts`,
        );
        // Nothing from here on is read by a subscription: the bound stays where it is.
        this.unsyncedFrom = this.syncingFrom ?? this.unsyncedFrom;
      } else {
        this.counters.syncs += 1;
        this.syncingFrom = null;
      }
      for (const settle of settles) settle(this.syncFailure);
      if (!error) this.appended.emit('appended');
      if (this.unsynced.length > 0) this.syncNow();
      else for (const ended of this.syncsEnded.splice(0)) ended();
    };
    try {
      this.walFd ??= openSync(this.walPath, 'r');
      this.syncFile(this.walFd, done);
    } catch (error) {
      done(error as Error);
    }
  }

  /** The first event position not yet known to be on the disk, if any: subscriptions stop before it. */
  private notDurableFrom(): bigint | null {
    return this.syncingFrom ?? this.unsyncedFrom;
  }

  async commandResult(commandId: string): Promise<CommandRecord | null> {
    const earlier = this.statements.selectCommand.get(commandId);
    return earlier ? toCommandRecord(earlier) : null;
  }

  /**
   * The known heads, emptied first if another connection has committed since they were learnt. A
   * commit by another process within the current turn is seen from the next turn on; a command decided
   * on the older state meanwhile still fails its expected-revision check, which is authoritative.
   */
  private freshHeads(): Map<string, bigint> {
    if (this.othersCommits.sinceAsked()) this.heads.clear();
    return this.heads;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const direction = options.direction ?? 'forwards';
    const heads = this.freshHeads();
    const known = heads.get(stream);
    // "What is new after revision r" on a stream whose head this connection knows: nothing, no query.
    if (direction === 'forwards' && typeof options.from === 'bigint' && known !== undefined) {
      if (known < options.from) return [];
    }
    const current = this.statements.selectStream.get(stream);
    if (!current) throw new StreamNotFound(stream);
    if (current.deleted) throw new StreamDeleted(stream);
    if (heads.size < MAX_KNOWN_HEADS) heads.set(stream, BigInt(current.revision));
    const limit = options.maxCount ?? -1;
    const from = options.from ?? (direction === 'forwards' ? 'start' : 'end');
    const revision = from === 'start' ? 0n : from === 'end' ? BigInt(current.revision) : from;
    const statement =
      direction === 'forwards' ? this.statements.readForwards : this.statements.readBackwards;
    return (statement.all(stream, revision, limit) as EventRow[]).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    let after =
      options.fromPosition === undefined || options.fromPosition === 'start'
        ? 0n
        : options.fromPosition;
    const result: RecordedEvent[] = [];
    while (result.length < maxCount) {
      const pageSize = options.filter
        ? DEFAULT_PAGE
        : Math.min(DEFAULT_PAGE, maxCount - result.length);
      const page = this.readPage(after, pageSize);
      if (page.rows.length === 0) break;
      after = page.lastPosition;
      for (const row of page.rows) {
        if (result.length >= maxCount) break;
        if (matchesFilter(options.filter, row[1], row[4])) result.push(toRecordedEvent(row));
      }
    }
    return result;
  }

  private readPage(
    after: bigint,
    limit: number,
    before: bigint | null = null,
  ): { rows: EventRow[]; lastPosition: bigint } {
    const all = this.statements.readAllPage.all(after, limit) as EventRow[];
    const rows = before === null ? all : all.filter((row) => BigInt(row[0]) < before);
    return { rows, lastPosition: rows.length > 0 ? BigInt(rows[rows.length - 1][0]) : after };
  }

  subscribe(options: SubscribeOptions = {}): EventSubscription {
    const maxBatchSize = options.maxBatchSize ?? DEFAULT_PAGE;
    const filter: EventFilter | undefined = options.filter;
    let position =
      options.fromPosition === undefined || options.fromPosition === 'start'
        ? 0n
        : options.fromPosition;
    let closed = false;
    let wake: (() => void) | null = null;
    const { appended, openSubscriptions, pollIntervalMs } = this;
    // Only what is on the disk: a projection that took in an event a power cut then lost would keep
    // a read model of something that never happened, and a later event would take its position.
    const readPage = (after: bigint, limit: number) =>
      this.readPage(after, limit, this.notDurableFrom());
    const storeClosed = () => this.closed;

    const waitForMore = () =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          appended.off('appended', done);
          wake = null;
          resolve();
        };
        const timer = setTimeout(done, pollIntervalMs);
        appended.on('appended', done);
        wake = done;
      });

    async function* batches(): AsyncGenerator<SubscriptionBatch> {
      try {
        while (!closed && !storeClosed()) {
          const page = readPage(position, maxBatchSize);
          if (page.rows.length === 0) {
            await waitForMore();
            continue;
          }
          position = page.lastPosition;
          const events: RecordedEvent[] = [];
          for (const row of page.rows) {
            if (matchesFilter(filter, row[1], row[4])) events.push(toRecordedEvent(row));
          }
          yield { events, position };
        }
      } finally {
        openSubscriptions.delete(subscription);
      }
    }

    const iterator = batches();
    const subscription: EventSubscription = {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        closed = true;
        wake?.();
      },
    };
    this.openSubscriptions.add(subscription);
    return subscription;
  }

  /** How many transactions carried how many writes (the group-commit ratio), made durable by how many syncs. */
  groupCommitStats(): { groupCommits: number; writes: number; syncs: number } {
    return { ...this.counters };
  }

  async headPosition(): Promise<bigint> {
    const row = this.statements.head.get();
    return BigInt(row?.head ?? 0);
  }

  async ping(): Promise<void> {
    this.statements.ping.get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Let queued appends commit before the file is closed: they may already be awaited by callers.
    if (this.queue.length > 0) this.flush();
    this.closed = true;
    if (this.syncing) await new Promise<void>((ended) => this.syncsEnded.push(ended));
    await Promise.all([...this.openSubscriptions].map((subscription) => subscription.close()));
    this.appended.emit('appended');
    this.db.close();
    if (this.walFd !== null) closeSync(this.walFd);
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: EventStoreError };
