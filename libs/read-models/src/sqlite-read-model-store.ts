import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  promises as fsPromises,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { matchesFilter, type JsonObject, type SubscriptionBatch } from '@bti/event-store';
import { releaseHeapAfterBurst } from './heap-release';
import type { DocumentProjection } from './document-projection';
import { assertIdentifier, type EventApplier, type Projection } from './projection';

/**
 * The page cache while a backlog is applied, and at the head (negative: KiB, as SQLite takes it). At
 * the head it holds what reads keep coming back to: a family's timeline touches a dozen tables (its
 * items, each log's policy facts, its meetings), and 16 MB no longer held a few hundred families'
 * pages. Measured at 100,000 children (timelines of 480 families, 8 clients): 0.71 ms of the API's
 * time per timeline at 16 MB, 0.62 at 32, 0.56 at 64; but a full cache is resident memory, and what
 * the catch-up's cache held is not all given back (96 MB instead of 64 left the API 130 MB larger
 * after a rebuild, which was no faster).
 */
export const CATCH_UP_CACHE_KIB = -65_536;
export const STEADY_CACHE_KIB = -32_768;

const IN_MEMORY = ':memory:';

const pageSize = (db: Database.Database) => db.pragma('page_size', { simple: true }) as number;

/** Where a rebuild beside builds the file that is to replace the one at `path`. */
export const nextFilePath = (path: string) => `${path}.next`;

/**
 * The files of a folder whose names begin with that of `path` (itself included): a database with its
 * journal, WAL and shared memory, and any file written under a name derived from it.
 */
export function filesBeginningWith(path: string): string[] {
  const folder = dirname(path);
  const name = basename(path);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((entry) => entry.startsWith(name))
    .map((entry) => join(folder, entry));
}

/** How long a write waits for another connection's lock before it fails. */
const BUSY_TIMEOUT_MS = 10_000;

/** Where a replaced read-model file waits to be overwritten and deleted. */
export const replacedPath = (path: string) => `${path}.replaced`;

/**
 * Clears the name a replaced file waits under: shreds it when it is the old file a swap left behind,
 * only unlinks it when it is still the file in force (a crash between the link and the rename).
 */
function removeReplacedName(path: string): void {
  const replaced = replacedPath(path);
  if (!existsSync(replaced)) return;
  const inForce = existsSync(path) ? statSync(path) : null;
  const waiting = statSync(replaced);
  if (inForce && inForce.ino === waiting.ino && inForce.dev === waiting.dev) unlinkSync(replaced);
  else shredFile(replaced);
}

/**
 * Opens a database file, lets `write` write to it, and closes it with everything in the main file:
 * its WAL checkpointed whole, so that the file can be renamed alone.
 */
function closeCompletely(path: string, write: (db: Database.Database) => void): void {
  const db = new Database(path);
  try {
    write(db);
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    if (result && result.busy !== 0) throw new Error(`${path} could not be checkpointed whole`);
  } finally {
    db.close();
  }
  assertNoWriteAheadLog(path);
}

/** A closed database whose WAL still holds frames: renamed alone, its WAL would be read as another's. */
function assertNoWriteAheadLog(path: string): void {
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0)
    throw new Error(`${path} kept a write-ahead log after closing`);
}

/** Syncs a file, or a folder — so that a rename in it is durable, not only the files. */
function syncToDisk(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * `shredFile` without holding the event loop: a read-model file of a gigabyte or two is overwritten
 * a few megabytes at a time, then synced and deleted.
 */
export async function shredFileAsync(path: string): Promise<void> {
  if (!existsSync(path)) return;
  const file = await fsPromises.open(path, 'r+');
  try {
    const zeros = Buffer.alloc(4 << 20);
    const { size } = await file.stat();
    for (let at = 0; at < size; at += zeros.length)
      await file.write(zeros, 0, Math.min(zeros.length, size - at), at);
    await file.sync();
  } finally {
    await file.close();
  }
  await fsPromises.unlink(path);
}

/**
 * Overwrites a file with zeros, syncs it and deletes it (nothing when there is none): a deleted file's
 * blocks otherwise keep what it held until something else is written there. Synchronous, for opening
 * the store (before any request); `shredFileAsync` while the API answers.
 */
function shredFile(path: string): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r+');
  try {
    const zeros = Buffer.alloc(1 << 20);
    const size = fstatSync(fd).size;
    for (let at = 0; at < size; at += zeros.length)
      writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  unlinkSync(path);
}

/** `rebuild_until` of a projection just reset: rebuilding, up to a head not yet asked for. */
const PENDING_REBUILD = -1;

export class CheckpointMoved extends Error {
  constructor(readonly projection: string) {
    super(
      `The checkpoint of projection ${projection} was moved by another runner; this batch is dropped`,
    );
    this.name = 'CheckpointMoved';
  }
}

/** A read needs read models that are being rebuilt: answered from part of the log, it could mislead. */
export class ReadModelsRebuilding extends Error {
  constructor(readonly projections: readonly string[]) {
    super(`Read models being rebuilt: ${projections.join(', ')}`);
    this.name = 'ReadModelsRebuilding';
  }
}

export interface DocumentPage<Doc> {
  readonly items: { id: string; document: Doc }[];
  /** Pass as `after` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * What one projection has cost since this store opened: its handlers' time, and the events handed to
 * them (a batch rolled back and tried again counts twice).
 */
export interface ProjectionWork {
  readonly applySeconds: number;
  readonly eventsHandled: number;
}

/**
 * Where the read models' time goes since the store opened: each projection's own handlers, and the
 * batch transactions they run in — the difference is what a batch costs beyond the projections
 * (SQLite's commit of the pages they dirtied, checkpoints, savepoints).
 */
export interface ReadModelWork {
  readonly projections: Record<string, ProjectionWork>;
  readonly transactions: number;
  readonly transactionSeconds: number;
}

export interface PageOptions {
  readonly after?: string;
  readonly limit?: number;
}

/** Every item of a paged query, asking page after page from each page's cursor until the last. */
export function everyPage<T>(
  page: (after: string | undefined) => { items: readonly T[]; nextCursor: string | null },
): T[] {
  const items: T[] = [];
  let after: string | undefined;
  do {
    const next = page(after);
    items.push(...next.items);
    after = next.nextCursor ?? undefined;
  } while (after);
  return items;
}

/**
 * A page of what the reader may see: rows read a batch at a time after `page.after`, each put to
 * `shown` (null: not for this reader), until the page is full and one more shown item says there is a
 * next. The cursor is always a shown item's, so neither it nor a page's length tells the reader of a
 * row they may not see (a cursor taken from the rows read would name one).
 */
export function shownPage<Row, Item>(
  read: (after: string, count: number) => readonly Row[],
  cursorOf: (row: Row) => string,
  shown: (row: Row) => Item | null,
  page: PageOptions,
): { items: Item[]; nextCursor: string | null } {
  const limit = pageLimit(page.limit);
  const items: Item[] = [];
  let lastShown: string | null = null;
  let after = page.after ?? '';
  for (;;) {
    const rows = read(after, limit + 1);
    for (const row of rows) {
      after = cursorOf(row);
      const item = shown(row);
      if (item === null) continue;
      if (items.length === limit) return { items, nextCursor: lastShown };
      items.push(item);
      lastShown = after;
    }
    if (rows.length <= limit) return { items, nextCursor: null };
  }
}

/** A page size within 1–500 (50 by default). */
export const pageLimit = (limit?: number) => Math.max(1, Math.min(limit ?? 50, 500));

/** What the store asks and writes of its checkpoints, prepared on one connection. */
function prepareStatements(db: Database.Database) {
  return {
    getCheckpoint: db.prepare<[string], { version: number; position: number }>(
      'SELECT version, position FROM checkpoints WHERE projection = ?',
    ),
    putCheckpoint: db.prepare<[string, number, bigint, string, number | null]>(
      `INSERT INTO checkpoints (projection, version, position, updated_at, rebuild_until)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (projection) DO UPDATE SET version = excluded.version,
         position = excluded.position, updated_at = excluded.updated_at,
         rebuild_until = excluded.rebuild_until`,
    ),
    advanceCheckpoint: db.prepare<
      [{ position: bigint; at: string; projection: string; expected: bigint }]
    >(
      `UPDATE checkpoints SET position = @position, updated_at = @at,
         rebuild_until = CASE WHEN rebuild_until >= 0 AND rebuild_until <= @position THEN NULL
                         ELSE rebuild_until END
       WHERE projection = @projection AND position = @expected`,
    ),
    anyPendingRebuild: db.prepare<[], { projection: string }>(
      `SELECT projection FROM checkpoints WHERE rebuild_until = ${PENDING_REBUILD} LIMIT 1`,
    ),
    resolvePendingRebuilds: db.prepare<[{ head: bigint }]>(
      `UPDATE checkpoints SET rebuild_until = CASE WHEN position >= @head THEN NULL ELSE @head END
       WHERE rebuild_until = ${PENDING_REBUILD}`,
    ),
    erasuresTakenUp: db.prepare<[], { family_id: string; at: string }>(
      'SELECT family_id, at FROM erasures_taken_up',
    ),
    takeUpErasure: db.prepare<[string, string]>(
      'INSERT OR IGNORE INTO erasures_taken_up (family_id, at) VALUES (?, ?)',
    ),
    allCheckpoints: db.prepare<
      [],
      { projection: string; version: number; position: number; updated_at: string }
    >('SELECT projection, version, position, updated_at FROM checkpoints'),
    rebuilding: db.prepare<[], { projection: string }>(
      'SELECT projection FROM checkpoints WHERE rebuild_until IS NOT NULL',
    ),
  };
}

/**
 * Something that reads this file through a connection of its own (a worker thread's). A file can only
 * be replaced, or closed so that its WAL goes with it, once no other connection holds it: the store
 * asks each holder to let go first, and tells it when it may open the file again.
 */
export interface OtherConnectionHolder {
  /** Closes its connection (after what it is doing); opens none until `mayOpenAgain`. */
  letGo(): Promise<void>;
  /** The file in force may be opened again (the same path: a replacement's, after it). */
  mayOpenAgain(): void;
  /** The store is closed: what waits to be read, and what is asked from now on, is refused. */
  closedForGood(): void;
}

/** The file's connection and what is prepared on it: replaced whole when the file is. */
interface Connection {
  readonly db: Database.Database;
  readonly statements: ReturnType<typeof prepareStatements>;
  readonly applyInTransaction: Database.Transaction<
    (projection: Projection, batch: SubscriptionBatch) => void
  >;
  readonly applyToEachInTransaction: Database.Transaction<
    (
      projections: readonly Projection[],
      batch: SubscriptionBatch,
      failures: Map<string, unknown>,
    ) => void
  >;
}

/**
 * Read models in SQLite: each projection's own tables, and each projection's checkpoint in the same
 * file, so a batch of changes and the checkpoint that covers it commit in one transaction: a crash
 * can neither skip an event nor apply one twice.
 */
export class SqliteReadModelStore {
  private connection: Connection;
  private readonly handlers = new Map<string, EventApplier>();
  private readonly documentIndexes = new Map<string, readonly string[]>();
  /** The projections registered, in order: a file put in place of this one is opened with them. */
  private readonly registered = new Map<string, Projection>();
  /** Counts the files this store has had: a reader made on an earlier one is made again. */
  private generation = 0;
  private readonly otherHolders = new Set<OtherConnectionHolder>();

  /** Whether a catch-up (a rebuild, or a backlog after a restart) holds the large page cache. */
  private catchingUp = false;

  /**
   * The projections marked as rebuilding, read from the checkpoints once and kept until this store
   * writes a mark again: every query asks, and only this store (the one process that runs the
   * projections) writes them.
   */
  private rebuildMarks: ReadonlySet<string> | null = null;

  private readonly projectionWork = new Map<string, { applyMs: number; events: number }>();
  private readonly transactionWork = { count: 0, ms: 0 };

  /**
   * `attached`: a second connection to a file another store (the API's) owns, for the thread that
   * applies its batches — it leaves the owner's leftovers alone (a rebuild beside may be writing the
   * next file) and never creates or resets a projection's tables (`prepareApplier`).
   */
  constructor(
    readonly path: string,
    options: { readonly attached?: boolean } = {},
  ) {
    if (path !== IN_MEMORY && !options.attached) {
      mkdirSync(dirname(path), { recursive: true });
      // A file replaced by a rebuild beside it that a crash left before it was overwritten, and what a
      // rebuild beside had built when the API stopped or died: both may hold erased personal data.
      removeReplacedName(path);
      for (const leftover of filesBeginningWith(nextFilePath(path))) shredFile(leftover);
    }
    this.connection = this.open();
  }

  /**
   * Read models held in memory only, for a build from scratch that is written to a file once at the
   * end (`writeTo`): nothing is written to disk batch by batch. At most `maxMegabytes` of pages; more
   * fails the batch with SQLITE_FULL.
   */
  static inMemory(maxMegabytes: number): SqliteReadModelStore {
    const store = new SqliteReadModelStore(IN_MEMORY);
    store.db.pragma(
      `max_page_count = ${Math.floor((maxMegabytes * 1024 * 1024) / pageSize(store.db))}`,
    );
    return store;
  }

  /**
   * Writes every table to a new file at `path` (which must not exist), compacted and in key order,
   * and syncs it: what a build in memory leaves behind.
   */
  writeTo(path: string): void {
    this.db.prepare('VACUUM INTO ?').run(path);
    syncToDisk(path);
  }

  /**
   * Takes in the tables and checkpoints of another build's file (`writeTo` by a build of other
   * projections), in one transaction: each table is created and filled before its indexes are made,
   * which sorts each index once instead of growing it row by row. A table or checkpoint both hold
   * fails the whole merge (two builds of one projection).
   */
  mergeFrom(path: string): void {
    this.db.prepare('ATTACH DATABASE ? AS part').run(path);
    try {
      const objects = this.db
        .prepare<[], { type: string; name: string; sql: string }>(
          `SELECT type, name, sql FROM part.sqlite_schema
           WHERE sql IS NOT NULL AND name NOT IN ('checkpoints', 'erasures_taken_up')
           ORDER BY type = 'table' DESC, rowid`,
        )
        .all();
      this.db.transaction(() => {
        for (const { type, name, sql } of objects) {
          this.db.exec(sql);
          if (type === 'table')
            this.db.exec(
              `INSERT INTO main.${assertIdentifier(name)} SELECT * FROM part.${assertIdentifier(name)}`,
            );
        }
        this.db.exec('INSERT INTO main.checkpoints SELECT * FROM part.checkpoints');
      })();
    } finally {
      this.db.exec('DETACH DATABASE part');
    }
    this.rebuildMarks = null;
  }

  /** The connection to the read-model file; a new one once the file has been replaced. */
  get db(): Database.Database {
    return this.connection.db;
  }

  private open(): Connection {
    const db = new Database(this.path, { timeout: BUSY_TIMEOUT_MS });
    db.pragma('journal_mode = WAL');
    // Read models can always be rebuilt from the log; NORMAL keeps each commit atomic (data and
    // checkpoint together), and a commit lost to a power cut is simply replayed.
    db.pragma('synchronous = NORMAL');
    // Checkpoints are where NORMAL still syncs and copies pages back; twelve projections commit their
    // batches all the time, so fold many of them into one checkpoint (up to 256 MB of WAL): a page
    // rewritten by many batches is copied once. Measured: a rebuild 22 % faster than at 16 MB.
    db.pragma('wal_autocheckpoint = 65536');
    // A projection rebuilt in place drops its tables: their pages are overwritten, not just freed.
    db.pragma('secure_delete = ON');
    db.pragma(`cache_size = ${STEADY_CACHE_KIB}`);
    db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoints (
        projection    TEXT PRIMARY KEY,
        version       INTEGER NOT NULL,
        position      INTEGER NOT NULL,
        updated_at    TEXT NOT NULL,
        rebuild_until INTEGER
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS erasures_taken_up (
        family_id TEXT PRIMARY KEY,
        at        TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
    const columns = db.pragma('table_info(checkpoints)') as { name: string }[];
    if (!columns.some((column) => column.name === 'rebuild_until'))
      // A file from before the mark cannot say whether it was in the middle of a rebuild: every
      // projection counts as rebuilding until it has reached the head (at once, for those there).
      db.exec(`
        ALTER TABLE checkpoints ADD COLUMN rebuild_until INTEGER;
        UPDATE checkpoints SET rebuild_until = ${PENDING_REBUILD};
      `);
    const applyInTransaction = db.transaction((projection: Projection, batch: SubscriptionBatch) =>
      this.applyBatchUnsafe(projection, batch),
    );
    const applyToEachInTransaction = db.transaction(
      (
        projections: readonly Projection[],
        batch: SubscriptionBatch,
        failures: Map<string, unknown>,
      ) => {
        for (const projection of projections) {
          // Nested, so a savepoint: a projection that throws is rolled back alone.
          try {
            applyInTransaction(projection, batch);
          } catch (error) {
            // SQLite rolls the whole transaction back by itself on some errors (SQLITE_FULL,
            // SQLITE_NOMEM): nothing is left to commit the others' parts in, so the batch fails.
            if (!db.inTransaction) throw error;
            failures.set(projection.name, error);
          }
        }
      },
    );
    return { db, statements: prepareStatements(db), applyInTransaction, applyToEachInTransaction };
  }

  /**
   * Creates the projection's tables and makes sure it has a checkpoint. A projection whose version
   * changed starts again from position 0 with empty tables.
   */
  register(projection: Projection): void {
    this.registered.set(projection.name, projection);
    if ('collection' in projection && 'indexes' in projection) {
      const documents = projection as DocumentProjection;
      this.documentIndexes.set(documents.collection, documents.indexes);
    }
    const stored = this.connection.statements.getCheckpoint.get(projection.name);
    if (stored && stored.version === projection.version) {
      this.db.exec(projection.schema);
      this.handlers.set(projection.name, projection.prepare(this.db));
      return;
    }
    this.reset(projection);
  }

  /**
   * Prepares the projection's statements on this connection, for a store `attached` to a file whose
   * owner registered it (created its tables and checkpoint): what a thread applying the owner's
   * batches needs, and nothing it may not do.
   */
  prepareApplier(projection: Projection): void {
    this.handlers.set(projection.name, projection.prepare(this.db));
  }

  /**
   * Counts work done on this file by another connection (the thread that applies batches) in
   * `work()`; a batch there may have reached a rebuild's target and cleared its mark.
   */
  addWorkDoneElsewhere(work: ReadModelWork): void {
    for (const [name, done] of Object.entries(work.projections))
      this.countProjectionWork(name, done.applySeconds * 1000, done.eventsHandled);
    this.transactionWork.count += work.transactions;
    this.transactionWork.ms += work.transactionSeconds * 1000;
    if (this.rebuildMarks?.size) this.rebuildMarks = null;
  }

  /**
   * Drops and recreates the projection's tables and sets its checkpoint to 0, in one transaction. Its
   * tables then hold only part of the log until it has caught up with the head as it is when the runner
   * next subscribes (`resolvePendingRebuilds`): until then `rebuilding()` names it, across restarts.
   */
  reset(projection: Projection): void {
    this.db.transaction(() => {
      for (const table of projection.tables)
        this.db.exec(`DROP TABLE IF EXISTS ${assertIdentifier(table)}`);
      this.db.exec(projection.schema);
      this.connection.statements.putCheckpoint.run(
        projection.name,
        projection.version,
        0n,
        new Date().toISOString(),
        PENDING_REBUILD,
      );
    })();
    this.rebuildMarks = null;
    this.handlers.set(projection.name, projection.prepare(this.db));
  }

  /**
   * A reader of this store's tables, made with `make` on the current connection, and made again on
   * the new one once the file has been replaced (`replaceFileWith`): what it prepared on the old one
   * is gone, and so is anything it cached from it. Hand the returned object around as the reader.
   */
  reader<T extends object>(make: (db: Database.Database) => T): T {
    let made = { generation: this.generation, instance: make(this.db) };
    const current = (): T => {
      if (made.generation !== this.generation)
        made = { generation: this.generation, instance: make(this.db) };
      return made.instance;
    };
    // The target is an empty stand-in of the reader's class: holding the first instance would keep
    // what it cached from the old file (personal data, after an erasure) for good.
    const stand = Object.create(Object.getPrototypeOf(made.instance) as object) as T;
    return new Proxy(stand, {
      get: (_stand, property) => {
        const instance = current();
        const value: unknown = Reflect.get(instance, property, instance);
        return typeof value === 'function'
          ? (value as (...args: unknown[]) => unknown).bind(instance)
          : value;
      },
    });
  }

  /**
   * Of the families erased in the installation (`erased`), those whose data may still be in this
   * file: it was not rebuilt from the log since their keys went.
   */
  erasuresNotTakenUp(erased: readonly string[]): string[] {
    const taken = new Set(
      this.connection.statements.erasuresTakenUp.all().map((row) => row.family_id),
    );
    return erased.filter((familyId) => !taken.has(familyId));
  }

  /** Records that this file was rebuilt from the log after these families' keys went. */
  takeUpErasures(familyIds: readonly string[], at: string): void {
    const take = this.connection.statements.takeUpErasure;
    this.db.transaction(() => {
      for (const familyId of familyIds) take.run(familyId, at);
    })();
  }

  /** Registers a reader with a connection of its own to this file; returns its removal. */
  holdsOwnConnection(holder: OtherConnectionHolder): () => void {
    this.otherHolders.add(holder);
    return () => this.otherHolders.delete(holder);
  }

  /**
   * Runs `step` once every other connection to this file is closed, and lets them open again after
   * it, whether it succeeded or not: `replaceFileWith` needs the old file's WAL gone with its last
   * connection, or the WAL would be read as the new file's.
   */
  async withOtherConnectionsClosed<T>(step: () => T): Promise<T> {
    const holders = [...this.otherHolders];
    await Promise.all(holders.map((holder) => holder.letGo()));
    try {
      return step();
    } finally {
      for (const holder of holders)
        if (this.isOpen) holder.mayOpenAgain();
        else holder.closedForGood();
    }
  }

  /**
   * Puts the read-model file built beside this one (at `nextPath`: every projection registered here
   * caught up, its connection closed) in this one's place and opens it, and returns the old file's
   * contents under another name (`replacedPath`), for `shredFileAsync` to overwrite and delete — it
   * may hold personal data an erasure took from the log. The checkpoints of the other consumers
   * (sagas) are written into the new file before it takes the old one's place, so the rename alone
   * decides which file is in force; every registered projection is prepared on the new file and
   * readers are made again. Nothing may be applying batches meanwhile (the runner stopped); it runs
   * without a pause for a request to come in between. Should anything fail before the rename, the old
   * file stays in force and is opened again.
   */
  replaceFileWith(nextPath: string): string {
    const projections = new Set(this.registered.keys());
    const consumers = this.connection.statements.allCheckpoints
      .all()
      .filter((row) => !projections.has(row.projection));
    const erasures = this.connection.statements.erasuresTakenUp.all();
    closeCompletely(nextPath, (next) => {
      const statements = prepareStatements(next);
      for (const row of consumers)
        statements.putCheckpoint.run(
          row.projection,
          row.version,
          BigInt(row.position),
          row.updated_at,
          null,
        );
      // Built from the log after each of them: the new file holds none of their data either.
      for (const row of erasures) statements.takeUpErasure.run(row.family_id, row.at);
    });
    const replaced = replacedPath(this.path);
    this.connection.db.close();
    try {
      // Closing checkpointed the old file's WAL and deleted it; one left behind would be read as the
      // new file's.
      assertNoWriteAheadLog(this.path);
      for (const leftover of [`${this.path}-wal`, `${this.path}-shm`])
        if (existsSync(leftover)) unlinkSync(leftover);
      removeReplacedName(this.path);
      // A second name for the old file: it is shredded after the rename has replaced it (and at the
      // next start, should a crash come first).
      linkSync(this.path, replaced);
      renameSync(nextPath, this.path);
    } catch (error) {
      if (existsSync(replaced)) unlinkSync(replaced);
      this.connection = this.open();
      throw error;
    }
    syncToDisk(dirname(this.path));
    this.connection = this.open();
    this.generation += 1;
    this.rebuildMarks = null;
    this.catchingUp = false;
    for (const projection of this.registered.values()) this.register(projection);
    return replaced;
  }

  /**
   * Projections whose tables were emptied and have not yet caught up with the head of that time: all
   * of them, or those among `names`.
   */
  rebuilding(names?: readonly string[]): string[] {
    this.rebuildMarks ??= new Set(
      this.connection.statements.rebuilding.all().map((row) => row.projection),
    );
    const marked = this.rebuildMarks;
    return names ? names.filter((name) => marked.has(name)) : [...marked];
  }

  /** Throws `ReadModelsRebuilding` when any of the named projections is being rebuilt. */
  refuseWhileRebuilding(names: readonly string[]): void {
    const rebuilding = this.rebuilding(names);
    if (rebuilding.length > 0) throw new ReadModelsRebuilding(rebuilding);
  }

  /** A rebuild waiting for the head (a reset since the runner last subscribed) is to reach `head`. */
  resolvePendingRebuilds(head: bigint): void {
    // Read first: an UPDATE that changes nothing still waits for the write lock, which the projection
    // thread may hold for a whole batch.
    if (!this.connection.statements.anyPendingRebuild.get()) return;
    this.connection.statements.resolvePendingRebuilds.run({ head });
    this.rebuildMarks = null;
  }

  checkpoint(projectionName: string): bigint {
    const row = this.connection.statements.getCheckpoint.get(projectionName);
    return BigInt(row?.position ?? 0);
  }

  /**
   * The checkpoint of a consumer that is not a projection (a saga): it keeps no tables here, only its
   * position, which only moves forward.
   */
  saveCheckpoint(consumer: string, position: bigint): void {
    if (position <= this.checkpoint(consumer)) return;
    this.connection.statements.putCheckpoint.run(
      consumer,
      1,
      position,
      new Date().toISOString(),
      null,
    );
  }

  /**
   * `saveCheckpoint`, unless another connection (the projection thread) holds the file's write lock:
   * then nothing is written and false returned, at once — waiting would hold the API's thread for as
   * long as that batch takes. For a consumer that can start again from an older checkpoint.
   */
  saveCheckpointUnlessBusy(consumer: string, position: bigint): boolean {
    try {
      this.withoutWaitingForLocks(() => this.saveCheckpoint(consumer, position));
      return true;
    } catch (error) {
      // SQLITE_BUSY, or SQLITE_BUSY_SNAPSHOT: the thread committed after this read began.
      if (String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY')) return false;
      throw error;
    }
  }

  /** Applies one subscription batch and moves the checkpoint, all or nothing. */
  applyBatch(projection: Projection, batch: SubscriptionBatch): void {
    this.countedTransaction(() => this.connection.applyInTransaction.immediate(projection, batch));
  }

  /**
   * Applies one batch to several projections and commits them together with their checkpoints: one
   * commit for all instead of one each. Each projection's part is a savepoint of its own, so one that
   * throws is rolled back alone; the failures are returned by projection name.
   */
  applyBatchToEach(
    projections: readonly Projection[],
    batch: SubscriptionBatch,
  ): Map<string, unknown> {
    const failures = new Map<string, unknown>();
    this.countedTransaction(() =>
      this.connection.applyToEachInTransaction.immediate(projections, batch, failures),
    );
    return failures;
  }

  /** Each projection's own time and the batch transactions' time since the store opened. */
  work(): ReadModelWork {
    const projections: Record<string, ProjectionWork> = {};
    for (const [name, work] of this.projectionWork)
      projections[name] = { applySeconds: work.applyMs / 1000, eventsHandled: work.events };
    return {
      projections,
      transactions: this.transactionWork.count,
      transactionSeconds: this.transactionWork.ms / 1000,
    };
  }

  private countProjectionWork(name: string, applyMs: number, events: number): void {
    const work = this.projectionWork.get(name) ?? { applyMs: 0, events: 0 };
    work.applyMs += applyMs;
    work.events += events;
    this.projectionWork.set(name, work);
  }

  /** Runs a batch transaction and counts it, and its time, in `work()`. */
  private countedTransaction(run: () => void): void {
    const started = performance.now();
    try {
      run();
    } finally {
      this.transactionWork.count += 1;
      this.transactionWork.ms += performance.now() - started;
      // A batch that reached a rebuild's target cleared its mark (advanceCheckpoint).
      if (this.rebuildMarks?.size) this.rebuildMarks = null;
    }
  }

  private applyBatchUnsafe(projection: Projection, batch: SubscriptionBatch): void {
    const checkpoint = this.checkpoint(projection.name);
    if (batch.position <= checkpoint) return;
    const apply = this.handlers.get(projection.name);
    if (!apply) throw new Error(`Projection ${projection.name} is not registered`);
    const { filter } = projection;
    const started = performance.now();
    let applied = 0;
    try {
      for (const event of batch.events) {
        // An event at or below the checkpoint was applied already (a redelivery after a resubscribe);
        // a shared batch carries events for other projections too.
        if (event.position > checkpoint && matchesFilter(filter, event.stream, event.type)) {
          apply(event);
          applied += 1;
        }
      }
      apply.endBatch?.();
    } catch (error) {
      apply.discardBatch?.();
      throw error;
    } finally {
      this.countProjectionWork(projection.name, performance.now() - started, applied);
    }
    const moved = this.connection.statements.advanceCheckpoint.run({
      position: batch.position,
      at: new Date().toISOString(),
      projection: projection.name,
      expected: checkpoint,
    });
    if (moved.changes !== 1) throw new CheckpointMoved(projection.name);
  }

  /** Every row of every table the projection owns, in a stable order: for comparing two builds. */
  dumpProjection(projection: Projection): Record<string, unknown[]> {
    const dump: Record<string, unknown[]> = {};
    for (const table of projection.tables) {
      const name = assertIdentifier(table);
      const columns = (this.db.pragma(`table_info(${name})`) as { name: string }[])
        .map((c) => `"${c.name}"`)
        .join(', ');
      dump[name] = this.db.prepare(`SELECT * FROM ${name} ORDER BY ${columns}`).all();
    }
    return dump;
  }

  getDocument<Doc = JsonObject>(collection: string, id: string): Doc | null {
    const row = this.db
      .prepare<[string], { document: string }>(
        `SELECT document FROM ${assertIdentifier(collection)} WHERE id = ?`,
      )
      .get(id);
    return row ? (JSON.parse(row.document) as Doc) : null;
  }

  listDocuments<Doc = JsonObject>(
    collection: string,
    options: PageOptions = {},
  ): DocumentPage<Doc> {
    return this.findDocuments<Doc>(collection, {}, options);
  }

  /**
   * Documents whose indexed fields equal the given values, in id order, a page at a time. Only the
   * fields the projection declared as indexes can be asked for: every filter is a column.
   */
  findDocuments<Doc = JsonObject>(
    collection: string,
    where: Record<string, string | number | boolean>,
    options: PageOptions = {},
  ): DocumentPage<Doc> {
    const table = assertIdentifier(collection);
    const indexed = this.documentIndexes.get(table) ?? [];
    const fields = Object.keys(where);
    for (const field of fields) {
      if (!indexed.includes(field)) throw new Error(`${table} has no indexed field ${field}`);
    }
    const limit = pageLimit(options.limit);
    const conditions = fields.map((field) => `AND "${field}" = ?`).join(' ');
    const values = fields.map((field) => {
      const value = where[field];
      return typeof value === 'boolean' ? Number(value) : value;
    });
    const rows = this.db
      .prepare<unknown[], { id: string; document: string }>(
        `SELECT id, document FROM ${table} WHERE id > ? ${conditions} ORDER BY id LIMIT ?`,
      )
      .all(options.after ?? '', ...values, limit + 1);
    const items = rows
      .slice(0, limit)
      .map((row) => ({ id: row.id, document: JSON.parse(row.document) as Doc }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  /** Every document of a collection, for comparisons and exports. */
  dumpCollection(collection: string): Record<string, JsonObject> {
    const items = everyPage((after) => this.listDocuments(collection, { after, limit: 500 }));
    return Object.fromEntries(items.map((item) => [item.id, item.document]));
  }

  /**
   * A backlog is being applied: the index pages its batches keep rewriting stay in memory (64 MB;
   * measured, the rebuild is much slower with SQLite's default 2 MB).
   */
  beginCatchUp(): void {
    if (this.catchingUp) return;
    this.catchingUp = true;
    this.db.pragma(`cache_size = ${CATCH_UP_CACHE_KIB}`);
  }

  /**
   * The head is reached: what the catch-up wrote goes from the WAL into the file (reads no longer look
   * through hundreds of megabytes of WAL frames), and the page cache shrinks to what reads need — a
   * rebuild otherwise left the API 64 MB larger for good — and the heap the batches grew is given back.
   */
  endCatchUp(): void {
    if (!this.catchingUp) return;
    this.catchingUp = false;
    this.checkpointAndTruncateWal();
    this.db.pragma(`cache_size = ${STEADY_CACHE_KIB}`);
    this.db.pragma('shrink_memory');
    releaseHeapAfterBurst(true);
  }

  /** The page cache's size as SQLite reports it: negative KiB. */
  cacheSize(): number {
    return this.db.pragma('cache_size', { simple: true }) as number;
  }

  /**
   * Copies the WAL into the file and empties it, unless another connection (the metrics thread) is
   * reading an older state: then it copies what it can and leaves the rest for later. Waiting for the
   * reader, as SQLite's busy handler would, would hold the API's thread as long as that read lasts.
   */
  checkpointAndTruncateWal(): void {
    this.withoutWaitingForLocks(() => {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy) this.db.pragma('wal_checkpoint(PASSIVE)');
    });
  }

  /**
   * Runs `step` with SQLite's busy handler off: a lock another connection holds fails at once
   * (SQLITE_BUSY) instead of holding the API's thread until it is let go.
   */
  private withoutWaitingForLocks<T>(step: () => T): T {
    this.db.pragma('busy_timeout = 0');
    try {
      return step();
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  ping(): void {
    this.db.prepare('SELECT 1').get();
  }

  close(): void {
    this.db.close();
  }

  /** Closes the file once every other connection to it is closed, so its WAL goes with the last one. */
  async closeWithOtherConnections(): Promise<void> {
    await this.withOtherConnectionsClosed(() => this.close());
  }

  /** Whether the read models can still be read: false once closed. */
  get isOpen(): boolean {
    return this.db.open;
  }
}
