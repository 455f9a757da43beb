import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeEventStoreConformance } from '../testing/event-store-conformance';
import { testEvent } from '../testing/test-metadata';
import { SqliteEventStore } from './sqlite-event-store';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bti-es-'));
  dirs.push(dir);
  return join(dir, 'events.sqlite');
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describeEventStoreConformance('sqlite', {
  open: async () => new SqliteEventStore({ path: tempFile(), pollIntervalMs: 20 }),
  dispose: (store) => store.close(),
});

describe('SqliteEventStore specifics', () => {
  it('refuses an in-memory database', () => {
    expect(() => new SqliteEventStore({ path: ':memory:' })).toThrow(/not durable/);
  });

  it('upgrades a version-1 file in place, keeping what its commands wrote', async () => {
    const path = tempFile();
    const v1 = new Database(path);
    v1.exec(`
      CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream TEXT NOT NULL,
        revision INTEGER NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
        metadata TEXT NOT NULL, UNIQUE (stream, revision));
      CREATE TABLE streams (stream TEXT PRIMARY KEY, revision INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
      CREATE TABLE commands (command_id TEXT PRIMARY KEY, stream TEXT NOT NULL,
        next_expected_revision INTEGER NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO events (stream, revision, id, type, data, metadata)
        VALUES ('s-1', 0, 'e-1', 'A', '{}', '{"schemaVersion":1}');
      INSERT INTO streams VALUES ('s-1', 0, 0);
      INSERT INTO commands VALUES ('c-old', 's-1', 0, 1);
      PRAGMA user_version = 1;
    `);
    v1.close();
    const store = new SqliteEventStore({ path });
    expect(await store.commandResult('c-old')).toEqual({
      stream: 's-1',
      nextExpectedRevision: 0n,
      position: 1n,
      duplicate: true,
      eventTypes: [],
      fingerprint: null,
    });
    const next = await store.append('s-1', [testEvent('B')], 0n, {
      commandId: 'c-new',
      fingerprint: 'f',
    });
    expect(next).toMatchObject({ nextExpectedRevision: 1n, eventTypes: ['B'], fingerprint: 'f' });
    await store.close();
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });

  it('sees another process’s appends in a read of what is new, after it knew the stream’s head', async () => {
    const path = tempFile();
    const store = new SqliteEventStore({ path });
    await store.append('s-1', [testEvent('A')], 'no_stream');
    expect(await store.readStream('s-1', { from: 1n })).toEqual([]);
    const other = new SqliteEventStore({ path }); // the CLI, another node: another connection
    await other.append('s-1', [testEvent('B')], 0n);
    await other.close();
    expect((await store.readStream('s-1', { from: 1n })).map((e) => e.type)).toEqual(['B']);
    await store.deleteStream('s-1');
    await expect(store.readStream('s-1', { from: 2n })).rejects.toThrow(/deleted/i);
    await store.close();
  });

  it('runs in WAL mode', async () => {
    const path = tempFile();
    const store = new SqliteEventStore({ path });
    await store.append('s-1', [testEvent('A')], 'no_stream');
    await store.close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  describe('syncing the log to the disk itself', () => {
    const turn = () => new Promise((resolve) => setTimeout(resolve, 20));
    /** A store whose syncs wait until the test lets each one end. */
    const heldSyncs = (path: string, pollIntervalMs = 250) => {
      const held: ((error: Error | null) => void)[] = [];
      const syncedFiles: number[] = [];
      const store = new SqliteEventStore({
        path,
        pollIntervalMs,
        syncFile: (fd, done) => {
          syncedFiles.push(fd);
          held.push(done);
        },
      });
      return { store, held, syncedFiles };
    };

    it('acknowledges an append, and lets a subscription read it, only once the WAL file is synced', async () => {
      const path = tempFile();
      const { store, held } = heldSyncs(path, 5);
      const seen: string[] = [];
      const subscription = store.subscribe();
      const reading = (async () => {
        for await (const batch of subscription) {
          seen.push(...batch.events.map((event) => event.type));
          if (seen.length > 0) break;
        }
      })();
      let acknowledged = false;
      const append = store.append('s-1', [testEvent('A')], 'no_stream').then((result) => {
        acknowledged = true;
        return result;
      });
      await turn(); // four of the subscription's polls
      expect(held).toHaveLength(1);
      expect(acknowledged).toBe(false);
      expect(seen).toEqual([]);
      // Committed all the same: another connection reads it.
      const other = new Database(path, { readonly: true });
      expect(other.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
      other.close();

      held[0](null);
      expect((await append).position).toBe(1n);
      await reading;
      expect(seen).toEqual(['A']);
      await store.close();
    });

    it('syncs the WAL file with the real fdatasync by default, once per group', async () => {
      const path = tempFile();
      const store = new SqliteEventStore({ path });
      await Promise.all(
        [1, 2, 3].map((i) => store.append(`s-${i}`, [testEvent('A')], 'no_stream')),
      );
      expect(store.groupCommitStats()).toEqual({ groupCommits: 1, writes: 3, syncs: 1 });
      await store.close();
    });

    it('makes the groups committed while a sync runs durable with one more sync', async () => {
      const { store, held } = heldSyncs(tempFile());
      const first = store.append('a', [testEvent('A')], 'no_stream');
      await turn();
      const second = store.append('b', [testEvent('A')], 'no_stream');
      const third = store.append('c', [testEvent('A')], 'no_stream');
      await turn();
      const fourth = store.append('d', [testEvent('A')], 'no_stream');
      await turn();
      expect(held).toHaveLength(1);
      held[0](null);
      await first;
      await turn();
      expect(held).toHaveLength(2);
      held[1](null);
      await Promise.all([second, third, fourth]);
      expect(store.groupCommitStats()).toEqual({ groupCommits: 3, writes: 4, syncs: 2 });
      await store.close();
    });

    it('acknowledges nothing a failed sync covered, and takes no append after it', async () => {
      const { store, held } = heldSyncs(tempFile());
      const covered = store.append('a', [testEvent('A')], 'no_stream');
      await turn();
      const waiting = store.append('b', [testEvent('A')], 'no_stream');
      await turn();
      held[0](Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
      await expect(covered).rejects.toThrow(/could not be synced to the disk \(EIO/);
      // Committed after the failure began: a later sync could report success without the lost pages.
      await expect(waiting).rejects.toThrow(/could not be synced/);
      await expect(store.append('c', [testEvent('A')], 'no_stream')).rejects.toThrow(
        /could not be synced/,
      );
      expect(held).toHaveLength(1);
      await store.close();
    });

    it('waits for the sync in progress before it closes', async () => {
      const { store, held } = heldSyncs(tempFile());
      const append = store.append('a', [testEvent('A')], 'no_stream');
      await turn();
      let closed = false;
      const closing = store.close().then(() => {
        closed = true;
      });
      await turn();
      expect(closed).toBe(false);
      held[0](null);
      await closing;
      await expect(append).resolves.toMatchObject({ position: 1n });
    });
  });

  it('commits appends that arrive together in one transaction, each with its own check', async () => {
    const path = tempFile();
    const store = new SqliteEventStore({ path });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.append(`g-${i}`, [testEvent('A')], 'no_stream')),
    );
    const positions = results.map((r) => r.position);
    expect(new Set(positions).size).toBe(50);
    expect(store.groupCommitStats()).toEqual({ groupCommits: 1, writes: 50, syncs: 1 });
    await store.close();
    const reopened = new SqliteEventStore({ path });
    expect(await reopened.headPosition()).toBe(positions[positions.length - 1]);
    await reopened.close();
  });

  it('never reuses a position, even after the newest stream is deleted', async () => {
    const path = tempFile();
    const store = new SqliteEventStore({ path });
    const first = await store.append('keep-1', [testEvent('A')], 'no_stream');
    const doomed = await store.append('gone-1', [testEvent('A'), testEvent('B')], 'no_stream');
    await store.deleteStream('gone-1');
    await store.close();
    const reopened = new SqliteEventStore({ path });
    const next = await reopened.append('keep-2', [testEvent('A')], 'no_stream');
    expect(next.position).toBeGreaterThan(doomed.position);
    expect(next.position).toBeGreaterThan(first.position);
    await reopened.close();
  });

  it('a subscription sees appends made by another connection to the same file', async () => {
    const path = tempFile();
    const reader = new SqliteEventStore({ path, pollIntervalMs: 10 });
    const writer = new SqliteEventStore({ path });
    const subscription = reader.subscribe();
    const received: string[] = [];
    const consuming = (async () => {
      for await (const batch of subscription) {
        received.push(...batch.events.map((e) => e.type));
        if (received.length >= 2) break;
      }
    })();
    await writer.append('x-1', [testEvent('A'), testEvent('B')], 'no_stream');
    await consuming;
    expect(received).toEqual(['A', 'B']);
    await writer.close();
    await reader.close();
  });
});
